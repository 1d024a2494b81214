import { createHmac } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Webhook } from 'svix';

import { MAX_EVENTS, remember, seenBefore } from '../nodes/LeversTrigger/seenEvents';
import { CONFLICT_PAUSES_MS } from '../nodes/LeversTrigger/relay';
import { verifySvix } from '../nodes/LeversTrigger/svix';
import type { StoredCredential } from './harness';
import { ACCESS_TOKEN, accessTokenCredential, rows, runLeversCall } from './levers-support';
import { LeversSandbox } from './sandbox/levers-sandbox';
import {
	callEndedPayload,
	newSigningSecret,
	signDelivery,
	WebhookDelivery,
} from './sandbox/webhook-delivery';
import { TriggerServer } from './trigger-support';
import { startWaitingEndpoint } from './trigger-waiting';
import type { WaitingAnswer } from './trigger-waiting';

/** The Levers Trigger behind a real socket, fed deliveries signed by the official svix package. */

const signingSecret = newSigningSecret();

function credential(webhookSigningSecret = signingSecret): StoredCredential {
	return {
		id: 'cred-trigger',
		name: 'Levers (trigger)',
		type: 'leversApi',
		data: {
			authType: 'accessToken',
			accessToken: 'unit-trigger-token',
			baseUrl: 'http://127.0.0.1:9',
			webhookSigningSecret,
		},
	};
}

const call = {
	callId: 'call-42',
	body: { numberToCall: '+966123412345', metadata: { crm_id: 'crm-1001', campaign: 'reminders' } },
};
const payloadText = (result: Record<string, unknown> = {}, envelope = false) =>
	JSON.stringify(callEndedPayload(call, { result, envelope }));

const servers: TriggerServer[] = [];
async function trigger(
	options: INodeParameters = {},
	stored: StoredCredential = credential(),
): Promise<TriggerServer> {
	const server = await TriggerServer.start({ options }, stored);
	servers.push(server);
	return server;
}
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

function deliver(server: TriggerServer, body = payloadText(), options = {}) {
	const signed = signDelivery(signingSecret, body, options);
	return server.post(signed.headers, signed.body);
}

describe('a signed phone_call.ended', () => {
	test('starts one execution with the call at the top level and its request metadata lifted', async () => {
		const server = await trigger();
		const signed = signDelivery(signingSecret, payloadText());

		const answer = await server.post(signed.headers, signed.body);

		expect(answer).toEqual({ status: 200, body: { received: true } });
		expect(server.executions).toHaveLength(1);
		const [item] = server.executions[0];
		expect(item.json).toEqual({
			providerCallId: 'call-42',
			numberFrom: '+15074106928',
			numberTo: '+966123412345',
			providerStatus: 'pass',
			deliveryStatus: 'pass',
			duration: 53,
			summary: null,
			endedReason: null,
			callOutput: 'PROMISE_TO_PAY',
			callOutputReasoning: 'The contact agreed to pay by Friday.',
			sentimentOutput: 'NEUTRAL',
			sentimentOutputReasoning: 'Calm and cooperative.',
			transcription: 'AI: Hello ... Contact: I will pay on Friday.',
			recordingUrl: 'levers-test-bucket:livekit-egress/call-42/recording.mp3',
			requestMetadata: { crm_id: 'crm-1001', campaign: 'reminders' },
			eventId: signed.headers['svix-id'],
			eventType: 'phone_call.ended',
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
	});

	test('the {type, data} envelope gives the same item as the flat payload', async () => {
		const server = await trigger();
		await deliver(server, payloadText({}, false));
		await deliver(server, payloadText({}, true));

		expect(server.executions).toHaveLength(2);
		const strip = ({ eventId, receivedAt, ...rest }: Record<string, unknown>) => {
			expect(typeof eventId).toBe('string');
			expect(typeof receivedAt).toBe('string');
			return rest;
		};
		const [flat, enveloped] = server.executions.map(([item]) => strip(item.json));
		expect(enveloped).toEqual(flat);
		expect(flat.eventType).toBe('phone_call.ended');
	});

	test('several signatures, one of them valid (key rotation), is accepted; other versions are ignored', async () => {
		const server = await trigger();
		const signed = signDelivery(signingSecret, payloadText());
		const forged = signDelivery(signingSecret, payloadText(), {
			forge: true,
			eventId: signed.headers['svix-id'],
			at: new Date(Number(signed.headers['svix-timestamp']) * 1000),
		});
		const valid = signed.headers['svix-signature'];
		const other = forged.headers['svix-signature'];
		const headers = {
			...signed.headers,
			'svix-signature': `${other} v2,${valid.slice(3)} ${valid}`,
		};

		const answer = await server.post(headers, signed.body);

		expect(answer.status).toBe(200);
		expect(server.executions).toHaveLength(1);
	});

	test('a valid signature under the "v2" version alone is refused', async () => {
		const server = await trigger();
		const signed = signDelivery(signingSecret, payloadText());
		const headers = {
			...signed.headers,
			'svix-signature': `v2,${signed.headers['svix-signature'].slice(3)}`,
		};

		expect((await server.post(headers, signed.body)).status).toBe(401);
		expect(server.executions).toHaveLength(0);
	});
});

describe('refused with 401 and no execution', () => {
	test('forged: signed with another secret', async () => {
		const server = await trigger();
		const answer = await deliver(server, payloadText(), { forge: true });

		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({
			error: 'Invalid signature: no signature matches (wrong secret or altered body)',
		});
		expect(server.executions).toHaveLength(0);
	});

	test("the credential holds another endpoint's secret", async () => {
		const server = await trigger({}, credential(newSigningSecret()));
		expect((await deliver(server)).status).toBe(401);
		expect(server.executions).toHaveLength(0);
	});

	test('the body was changed after signing (one byte)', async () => {
		const server = await trigger();
		const signed = signDelivery(signingSecret, payloadText());
		const altered = signed.body.replace('"duration":53', '"duration":54');

		expect((await server.post(signed.headers, altered)).status).toBe(401);
		expect(server.executions).toHaveLength(0);
	});

	test('stale: signed 10 minutes ago (a replay)', async () => {
		const server = await trigger();
		const answer = await deliver(server, payloadText(), { stale: true });

		expect(answer).toEqual({
			status: 401,
			body: {
				error:
					'Invalid signature: svix-timestamp is more than 5 minutes away from now (replayed or clock skew)',
			},
		});
		expect(server.executions).toHaveLength(0);
	});

	test('future: signed 10 minutes ahead', async () => {
		const server = await trigger();
		const answer = await deliver(server, payloadText(), { at: new Date(Date.now() + 10 * 60_000) });
		expect(answer.status).toBe(401);
		expect(server.executions).toHaveLength(0);
	});

	test.each(['svix-id', 'svix-timestamp', 'svix-signature'])('missing %s header', async (name) => {
		const server = await trigger();
		const signed = signDelivery(signingSecret, payloadText());
		const headers: Record<string, string> = { ...signed.headers };
		delete headers[name];

		const answer = await server.post(headers, signed.body);

		expect(answer).toEqual({
			status: 401,
			body: {
				error: 'Invalid signature: missing svix-id, svix-timestamp or svix-signature header',
			},
		});
		expect(server.executions).toHaveLength(0);
	});

	test('no signing secret in the credential, and the skip option off', async () => {
		const server = await trigger({}, credential(''));
		const answer = await deliver(server);

		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({
			error:
				'No Webhook Signing Secret in the Levers credential: deliveries cannot be verified, none is accepted',
		});
		expect(server.executions).toHaveLength(0);
	});

	test('no answer ever shows the signing secret', async () => {
		const server = await trigger();
		const answers = [
			await deliver(server, payloadText(), { forge: true }),
			await deliver(server, payloadText(), { stale: true }),
			await deliver(server, 'not json'),
		];
		for (const answer of answers) {
			expect(JSON.stringify(answer.body)).not.toContain(signingSecret.slice(6));
		}
	});
});

test('no signing secret with "Skip Signature Check (Testing Only)" on: unsigned deliveries start executions', async () => {
	const server = await trigger({ skipSignatureCheck: true }, credential(''));
	const answer = await server.post({ 'content-type': 'application/json' }, payloadText());

	expect(answer.status).toBe(200);
	expect(server.executions).toHaveLength(1);
	expect(server.executions[0][0].json.providerCallId).toBe('call-42');
});

test('unsigned deliveries in the same millisecond keep their own ids; a resent copy is still a repeat', async () => {
	const server = await trigger({ skipSignatureCheck: true }, credential(''));
	// The clock stands still: every delivery below is handled in the same millisecond.
	const frozen = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-03T18:00:00.000Z'));
	try {
		const bodies = Array.from({ length: 5 }, (_, index) =>
			payloadText({ providerCallId: `call-unsigned-${index}` }),
		);
		const answers = await Promise.all(
			bodies.map((body) => server.post({ 'content-type': 'application/json' }, body)),
		);
		const resent = await server.post({ 'content-type': 'application/json' }, bodies[2]);

		expect(answers.map((answer) => answer.body)).toEqual(bodies.map(() => ({ received: true })));
		expect(resent).toEqual({ status: 200, body: { received: true, duplicate: true } });
	} finally {
		frozen.mockRestore();
	}
	const started = server.executions.map(([item]) => item.json);
	expect(started.map((item) => item.providerCallId).sort()).toEqual(
		[0, 1, 2, 3, 4].map((index) => `call-unsigned-${index}`),
	);
	expect(new Set(started.map((item) => item.eventId)).size).toBe(5);
	expect(started[0].eventId).toMatch(/^unsigned-[0-9a-f]{32}$/);
});

test('with a secret set, the skip option does not switch verification off', async () => {
	const server = await trigger({ skipSignatureCheck: true });
	expect((await deliver(server, payloadText(), { forge: true })).status).toBe(401);
	expect(server.executions).toHaveLength(0);
});

test('a correctly signed body that is not JSON answers 400 and starts nothing', async () => {
	const server = await trigger();
	const answer = await deliver(server, 'providerCallId=call-42');

	expect(answer).toEqual({ status: 400, body: { error: 'The body is not JSON' } });
	expect(server.executions).toHaveLength(0);
});

test('a repeated svix-id answers 200 and starts nothing; the id is remembered in static data', async () => {
	const server = await trigger();
	const signed = signDelivery(signingSecret, payloadText());

	const first = await server.post(signed.headers, signed.body);
	const second = await server.post(signed.headers, signed.body);

	expect(first).toEqual({ status: 200, body: { received: true } });
	expect(second).toEqual({ status: 200, body: { received: true, duplicate: true } });
	expect(server.executions).toHaveLength(1);
	const nodeData = server.staticData['node:Levers Trigger'] as { seenEventIds: object };
	expect(Object.keys(nodeData.seenEventIds)).toEqual([signed.headers['svix-id']]);
});

test('another event type answers 200 and starts nothing', async () => {
	const server = await trigger();
	const body = JSON.stringify({ type: 'phone_call.started', data: { providerCallId: 'call-42' } });

	const answer = await deliver(server, body);

	expect(answer).toEqual({
		status: 200,
		body: { received: true, ignored: 'event type phone_call.started' },
	});
	expect(server.executions).toHaveLength(0);
});

describe('filters', () => {
	test('Call Output Is One Of: only listed outputs (case ignored) start an execution', async () => {
		const server = await trigger({ callOutput: 'promise_to_pay, CALLBACK_REQUESTED' });

		const kept = await deliver(server, payloadText({ callOutput: 'PROMISE_TO_PAY' }));
		const dropped = await deliver(server, payloadText({ callOutput: 'REFUSED' }));
		const kept2 = await deliver(server, payloadText({ callOutput: 'CALLBACK_REQUESTED' }));

		expect([kept.status, dropped.status, kept2.status]).toEqual([200, 200, 200]);
		expect(dropped.body).toEqual({ received: true, filtered: true });
		expect(server.executions.map(([item]) => item.json.callOutput)).toEqual([
			'PROMISE_TO_PAY',
			'CALLBACK_REQUESTED',
		]);
	});

	test('Delivery Status: fail only', async () => {
		const server = await trigger({ deliveryStatus: 'fail' });

		await deliver(server, payloadText({ deliveryStatus: 'pass', providerCallId: 'a' }));
		await deliver(server, payloadText({ deliveryStatus: 'fail', providerCallId: 'b' }));

		expect(server.executions.map(([item]) => item.json.providerCallId)).toEqual(['b']);
	});
});

describe('svix.ts against the reference', () => {
	test('the known-answer vector of the Svix documentation', () => {
		const result = verifySvix(
			'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
			{
				id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
				timestamp: '1614265330',
				signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
			},
			Buffer.from('{"test": 2432232314}'),
			1614265330 + 299,
		);
		expect(result).toEqual({ valid: true });
	});

	test('agrees with svix verify() on 200 random bodies, ids and secrets', () => {
		for (let round = 0; round < 200; round++) {
			const secret = newSigningSecret();
			const body = Buffer.from(JSON.stringify({ round, text: 'é ✓ \u0000', n: Math.random() }));
			const id = `msg_${round}`;
			const at = new Date();
			const signature = new Webhook(secret).sign(id, at, body);
			const timestamp = String(Math.floor(at.getTime() / 1000));
			const headers = { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': signature };
			expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
			expect(verifySvix(secret, { id, timestamp, signature }, body, Number(timestamp))).toEqual({
				valid: true,
			});
			// Independent HMAC: the same bytes over id.timestamp.body.
			const key = Buffer.from(secret.slice(6), 'base64');
			const mac = createHmac('sha256', key)
				.update(`${id}.${timestamp}.`)
				.update(body)
				.digest('base64');
			expect(signature).toBe(`v1,${mac}`);
		}
	});

	test('a timestamp exactly 300 s away passes, 301 s does not', () => {
		const secret = newSigningSecret();
		const body = Buffer.from('{}');
		const at = new Date(1_700_000_000_000);
		const signature = new Webhook(secret).sign('msg_1', at, body);
		const headers = { id: 'msg_1', timestamp: '1700000000', signature };
		expect(verifySvix(secret, headers, body, 1_700_000_300).valid).toBe(true);
		expect(verifySvix(secret, headers, body, 1_699_999_700).valid).toBe(true);
		expect(verifySvix(secret, headers, body, 1_700_000_301).valid).toBe(false);
		expect(verifySvix(secret, headers, body, 1_699_999_699).valid).toBe(false);
	});
});

describe('the memory of handled events', () => {
	test('is bounded: past MAX_EVENTS the oldest ids are dropped', () => {
		const full = Array.from({ length: MAX_EVENTS }, (_, index) => [`msg_${index}`, 1000 + index]);
		const staticData: IDataObject = { seenEventIds: Object.fromEntries(full) };
		remember(staticData, `msg_${MAX_EVENTS}`, 1000 + MAX_EVENTS);

		expect(Object.keys(staticData.seenEventIds as object)).toHaveLength(MAX_EVENTS);
		expect(seenBefore(staticData, 'msg_0')).toBe(false);
		expect(seenBefore(staticData, `msg_${MAX_EVENTS}`)).toBe(true);
	});

	test('keeps an id at least 48 h (Svix retries for about 28 h), and forgets it after 72 h', () => {
		const staticData: IDataObject = {};
		remember(staticData, 'msg_old', 0);
		remember(staticData, 'msg_new', 48 * 3600);
		expect(seenBefore(staticData, 'msg_old')).toBe(true);

		remember(staticData, 'msg_newer', 72 * 3600 + 1);
		expect(seenBefore(staticData, 'msg_old')).toBe(false);
		expect(seenBefore(staticData, 'msg_new')).toBe(true);
	});
});

describe('the sandbox delivers the result of a call placed by Levers Call', () => {
	test("its signed delivery reaches the trigger with the call's metadata as requestMetadata", async () => {
		const server = await trigger();
		const delivery = new WebhookDelivery(server.url, signingSecret);
		const sandbox = await LeversSandbox.start({
			accessTokens: [ACCESS_TOKEN],
			onCallAccepted: delivery.onCallAccepted,
		});
		delivery.script({ times: 2 }, { forgeSignature: true }, { staleTimestamp: true });

		for (const crm of ['crm-1', 'crm-2', 'crm-3']) {
			const run = await runLeversCall({
				parameters: {
					numberToCall: '+966123412345',
					specifyMetadata: 'keypair',
					metadata: rows({ crm_id: crm }),
				},
				credential: accessTokenCredential(sandbox),
			});
			expect(run.status).toBe('success');
		}
		await delivery.idle();
		await sandbox.close();

		// By call: the three calls' deliveries overlap, so their order depends on how fast each is answered.
		const byCall = [...delivery.deliveries].sort((a, b) => a.callId.localeCompare(b.callId));
		expect(byCall.map((record) => [record.callId, record.status])).toEqual([
			['sbx-call-1', 200],
			['sbx-call-1', 200],
			['sbx-call-2', 401],
			['sbx-call-3', 401],
		]);
		expect(server.executions).toHaveLength(1);
		expect(server.executions[0][0].json).toMatchObject({
			providerCallId: 'sbx-call-1',
			numberTo: '+966123412345',
			requestMetadata: { crm_id: 'crm-1' },
			eventId: byCall[0].eventId,
		});
	});
});

async function waitingEndpoint(answers: WaitingAnswer[]) {
	const waiting = await startWaitingEndpoint(answers, credential(), signingSecret);
	servers.push(waiting.server);
	return waiting;
}

// What n8n 2.41.1 sends for every refused resume (waiting-webhooks.js ConflictError → sendErrorResponse).
const conflict = (message: string) => ({ status: 409, body: { code: 409, message } });

describe('relaying to a waiting execution', () => {
	test('a 409 from n8n (not waiting yet) is asked again until it resumes, whatever its message says', async () => {
		const waiting = await waitingEndpoint([
			conflict('any text at all'),
			conflict('another text'),
			{ status: 200, body: { resumed: true } },
		]);

		const answer = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		const retry = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		await waiting.close();

		expect(answer).toEqual({ status: 200, body: { received: true } });
		expect(retry).toEqual({ status: 200, body: { received: true, duplicate: true } });
		expect(waiting.relayed).toEqual([waiting.path, waiting.path, waiting.path]);
		expect(waiting.server.executions).toHaveLength(1);
	});

	test(`a 409 that lasts (the execution has finished) is final after ${CONFLICT_PAUSES_MS.length} more tries: 200, the event is output once`, async () => {
		const waiting = await waitingEndpoint([conflict('The execution "7" is running already.')]);
		const started = Date.now();

		const answer = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		const took = Date.now() - started;
		const retry = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		await waiting.close();

		expect(answer).toEqual({ status: 200, body: { received: true } });
		expect(retry.body).toEqual({ received: true, duplicate: true });
		expect(waiting.relayed).toHaveLength(CONFLICT_PAUSES_MS.length + 1);
		expect(took).toBeGreaterThanOrEqual(CONFLICT_PAUSES_MS.reduce((sum, pause) => sum + pause));
		expect(waiting.server.executions).toHaveLength(1);
	});

	test("a 409 that is not n8n's (no code 409 in the body) is final at once", async () => {
		const waiting = await waitingEndpoint([{ status: 409, body: 'Conflict' }]);

		const answer = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		await waiting.close();

		expect(answer).toEqual({ status: 200, body: { received: true } });
		expect(waiting.relayed).toHaveLength(1);
	});

	test('n8n answering 503: the trigger answers 503 and keeps nothing, so the Svix retry is relayed', async () => {
		const waiting = await waitingEndpoint([
			{ status: 503, body: { code: 503, message: 'busy' } },
			{ status: 200, body: { resumed: true } },
		]);

		const first = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		const retry = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		await waiting.close();

		expect(first).toEqual({
			status: 503,
			body: { error: 'The waiting execution could not be reached' },
		});
		expect(retry).toEqual({ status: 200, body: { received: true } });
		expect(waiting.relayed).toEqual([waiting.path, waiting.path]);
		// Started once, on the delivery that was handled.
		expect(waiting.server.executions).toHaveLength(1);
	});

	test('a resume URL for another address is not followed, and the warning names both addresses (not the signature)', async () => {
		const waiting = await waitingEndpoint([{ status: 200, body: { resumed: true } }]);
		const foreign = `http://10.0.0.7:5678/webhook-waiting/7/levers-call-node?signature=${'b'.repeat(64)}`;
		const body = JSON.stringify(
			callEndedPayload({
				callId: 'call-8',
				body: {
					numberToCall: '+966123412345',
					metadata: { n8nResumeUrl: foreign, n8nWaitId: 'w' },
				},
			}),
		);
		const signed = signDelivery(signingSecret, body);

		const answer = await waiting.server.post(signed.headers, signed.body);
		await waiting.close();

		expect(waiting.relayed).toEqual([]);
		expect(waiting.server.executions).toHaveLength(1);
		// Said in the answer (Levers' delivery log) and in the output item, as in the log.
		expect(answer).toEqual({
			status: 200,
			body: { received: true, relayError: waiting.server.warnings[0] },
		});
		expect(waiting.server.executions[0][0].json.relayError).toBe(waiting.server.warnings[0]);
		expect(waiting.server.warnings).toEqual([
			expect.stringContaining('http://10.0.0.7:5678/webhook-waiting/7/levers-call-node'),
		]);
		expect(waiting.server.warnings[0]).toContain(`own waiting address is ${waiting.base}/:`);
		expect(waiting.server.warnings[0]).toContain('WEBHOOK_URL');
		expect(waiting.server.warnings[0]).not.toContain('b'.repeat(16));
	});

	test('a result for our own waiting execution logs no warning', async () => {
		const waiting = await waitingEndpoint([{ status: 200, body: { resumed: true } }]);
		await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		await waiting.close();
		expect(waiting.relayed).toHaveLength(1);
		expect(waiting.server.warnings).toEqual([]);
	});
});

describe('repeats racing each other, with static data saved as n8n saves it', () => {
	async function racingTrigger() {
		const server = await TriggerServer.start({ options: {} }, credential(), {}, { likeN8n: true });
		servers.push(server);
		return server;
	}
	const event = (index: number) =>
		signDelivery(signingSecret, payloadText({ providerCallId: `call-race-${index}` }));
	const seenIds = (server: TriggerServer) =>
		Object.keys(
			(server.staticData['node:Levers Trigger'] as { seenEventIds?: object } | undefined)
				?.seenEventIds ?? {},
		);
	const startedIds = (server: TriggerServer) =>
		server.executions.map(([item]) => item.json.eventId as string);

	test('20 pairs of different events at the same instant, each repeated later: 40 executions, each event once', async () => {
		const server = await racingTrigger();
		const events = Array.from({ length: 40 }, (_, index) => event(index));

		const firsts = await Promise.all(
			events.map((signed) => server.post(signed.headers, signed.body)),
		);
		await new Promise((resolve) => setTimeout(resolve, 4 * TriggerServer.SAVE_LATENCY_MS));
		const repeats = await Promise.all(
			events.map((signed) => server.post(signed.headers, signed.body)),
		);

		expect(firsts.every((answer) => answer.status === 200)).toBe(true);
		expect(repeats.map((answer) => answer.body)).toEqual(
			events.map(() => ({ received: true, duplicate: true })),
		);
		expect(startedIds(server).sort()).toEqual(
			events.map((signed) => signed.headers['svix-id']).sort(),
		);
		// n8n's saves of the first 40 overwrote each other; the next handled delivery writes them all back.
		const next = event(40);
		await server.post(next.headers, next.body);
		await new Promise((resolve) => setTimeout(resolve, 2 * TriggerServer.SAVE_LATENCY_MS));
		expect(seenIds(server).sort()).toEqual(
			[...events, next].map((signed) => signed.headers['svix-id']).sort(),
		);
	});

	test('20 copies of one delivery at the same instant: one execution, 19 repeats', async () => {
		const server = await racingTrigger();
		const signed = event(0);

		const answers = await Promise.all(
			Array.from({ length: 20 }, () => server.post(signed.headers, signed.body)),
		);

		expect(server.executions).toHaveLength(1);
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(20);
		expect(
			answers.filter((answer) => JSON.stringify(answer.body).includes('duplicate')),
		).toHaveLength(19);
	});

	test('a repeat arriving after the answer but before n8n has saved is still a repeat', async () => {
		const server = await racingTrigger();
		const signed = event(0);

		const first = await server.post(signed.headers, signed.body);
		expect(seenIds(server)).toEqual([]); // n8n has not saved yet
		const repeat = await server.post(signed.headers, signed.body);

		expect(first).toEqual({ status: 200, body: { received: true } });
		expect(repeat).toEqual({ status: 200, body: { received: true, duplicate: true } });
		expect(server.executions).toHaveLength(1);
	});

	test('a copy arriving while the first is relayed and gets 503 answers 503 too: both are retried', async () => {
		const waiting = await waitingEndpoint([
			// Held, so the copy surely arrives while this relay is in flight (on a loaded machine the first
			// relay had once finished before the copy came, and the copy was relayed itself).
			{ status: 503, body: { code: 503, message: 'busy' }, delayMs: 300 },
			{ status: 200, body: { resumed: true } },
		]);

		const [first, copy] = await Promise.all([
			waiting.server.post(waiting.signed.headers, waiting.signed.body),
			waiting.server.post(waiting.signed.headers, waiting.signed.body),
		]);
		const retry = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		await waiting.close();

		expect([first.status, copy.status]).toEqual([503, 503]);
		expect(retry).toEqual({ status: 200, body: { received: true } });
		expect(waiting.relayed).toHaveLength(2);
		expect(waiting.server.executions).toHaveLength(1);
	});
});
