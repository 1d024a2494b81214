import { callEndedPayload, post, signDelivery } from '../sandbox/webhook-delivery';

/**
 * Issue 16 check 3, "one result, one effect": deliveries that race each other as Svix and several n8n
 * processes make them, aimed at one or more Levers Trigger URLs (one process, or webhook processors in
 * queue mode). Returns what was sent and answered; the caller counts executions and rows.
 */

export interface RaceAnswer {
	eventId: string;
	/** Deliveries it took (Svix delivers again after a 5xx or no answer). */
	attempts: number;
	status: number;
	responseBody: string;
}

export interface RaceRun {
	/** Every distinct event delivered (each must have exactly one effect). */
	eventIds: string[];
	/** Both events of each pair at once, to different URLs when there are several. */
	firsts: RaceAnswer[];
	/** Each pair's events again, `repeatAfterMs` after the first delivery (a Svix retry). */
	repeats: RaceAnswer[];
	/** One more event, `copies` times at once over the URLs. */
	copies: RaceAnswer[];
}

export interface RaceOptions {
	pairs?: number;
	copies?: number;
	repeatAfterMs?: number;
	/** Put in each event's requestMetadata.crm_id (with its index), to find them in rows and runs. */
	label?: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signedEvent(secret: string, crmId: string) {
	const body = JSON.stringify(
		callEndedPayload({
			callId: `call-${crmId}`,
			body: { numberToCall: '+966123412345', metadata: { crm_id: crmId } },
		}),
	);
	return signDelivery(secret, body);
}

/**
 * Delivers as Svix does: an answer that is not 2xx or 4xx (n8n itself answers 503 "Database is not ready!"
 * when its database is slow to answer a ping, on a loaded machine) is delivered again, here 1 s later.
 */
async function send(url: string, signed: ReturnType<typeof signDelivery>): Promise<RaceAnswer> {
	let attempts = 0;
	for (;;) {
		const answer = await post(url, signed);
		attempts++;
		const deliveredAgain = answer.status === 0 || answer.status >= 500;
		if (!deliveredAgain || attempts === MAX_ATTEMPTS)
			return { eventId: signed.headers['svix-id'], attempts, ...answer };
		await pause(1000);
	}
}
const MAX_ATTEMPTS = 10;

export async function deliverRaces(
	urls: string[],
	secret: string,
	{ pairs = 20, copies = 20, repeatAfterMs = 1000, label = 'race' }: RaceOptions = {},
): Promise<RaceRun> {
	const run: RaceRun = { eventIds: [], firsts: [], repeats: [], copies: [] };
	const urlFor = (index: number) => urls[index % urls.length];
	// The pairs overlap (one starts every 50 ms), as results of a campaign do.
	await Promise.all(
		Array.from({ length: pairs }, async (_, pair) => {
			await pause(pair * 50);
			const events = [0, 1].map((side) => signedEvent(secret, `${label}-${pair}-${side}`));
			run.eventIds.push(...events.map((signed) => signed.headers['svix-id']));
			const started = Date.now();
			run.firsts.push(
				...(await Promise.all(events.map((signed, side) => send(urlFor(side), signed)))),
			);
			await pause(Math.max(0, started + repeatAfterMs - Date.now()));
			run.repeats.push(
				...(await Promise.all(events.map((signed, side) => send(urlFor(side + 1), signed)))),
			);
		}),
	);
	const copied = signedEvent(secret, `${label}-copied`);
	run.eventIds.push(copied.headers['svix-id']);
	run.copies = await Promise.all(
		Array.from({ length: copies }, (_, index) => send(urlFor(index), copied)),
	);
	return run;
}

/** The answers that said "already handled" (duplicate: true). */
export const repeatsRecognised = (answers: RaceAnswer[]) =>
	answers.filter(
		(answer) => answer.status === 200 && answer.responseBody.includes('"duplicate":true'),
	).length;

/** "status body" → how many answers, for the report line when something is off. */
export function tally(answers: RaceAnswer[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const { status, responseBody } of answers) {
		const key = `${status} ${responseBody.slice(0, 120)}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}
