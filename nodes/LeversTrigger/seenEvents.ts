import type { IDataObject } from 'n8n-workflow';

/**
 * Svix ids already handled. Svix resends the same id for about 28 h, so ids are kept 72 h, and at most
 * MAX_EVENTS of them (n8n rewrites the whole map on every save).
 *
 * Two places hold them. The workflow's static data survives restarts and is shared by processes, but n8n
 * reads it for each request and writes all of it back after the node has answered, so two deliveries at
 * once each save only their own id (the last write wins), and a repeat arriving before the save passes.
 * This process's memory closes both windows here: an id is claimed synchronously, before any await, while
 * it is being handled and after; every save writes back the union of both, so an id lost by a concurrent
 * save is restored by the next one. Other processes (queue mode) still only see static data.
 */

const KEY = 'seenEventIds';
const KEEP_SECONDS = 72 * 60 * 60;
export const MAX_EVENTS = 10_000;

type Seen = Record<string, number>;

const seenOf = (staticData: IDataObject): Seen => (staticData[KEY] ?? {}) as Seen;

export function seenBefore(staticData: IDataObject, eventId: string): boolean {
	return eventId in seenOf(staticData);
}

/** Records the id, with `alsoKnown` (this process's ids), pruned to 72 h and MAX_EVENTS; returns what it saved. */
export function remember(
	staticData: IDataObject,
	eventId: string,
	nowSeconds: number,
	alsoKnown: Seen = {},
): Seen {
	const kept = Object.entries({ ...seenOf(staticData), ...alsoKnown, [eventId]: nowSeconds })
		.filter(([, seenAt]) => nowSeconds - seenAt <= KEEP_SECONDS)
		.sort(([, a], [, b]) => b - a)
		.slice(0, MAX_EVENTS);
	const seen = Object.fromEntries(kept);
	// Reassigned, not mutated: n8n only notices a change made through its proxy's setter.
	staticData[KEY] = seen;
	return seen;
}

/** Per trigger (workflow, node, test or production): the ids this process handled. */
const handledHere = new Map<string, Seen>();
/** Deliveries being handled now, by trigger and id: resolves true once handled, false if to be retried. */
const inFlight = new Map<string, Promise<boolean>>();

export type Claim =
	| { status: 'repeat' }
	/** The same id is being handled by another request: its outcome is this one's. */
	| { status: 'busy'; handled: Promise<boolean> }
	/** Ours to handle: settle(true) records it (in static data too), settle(false) lets a retry in. */
	| { status: 'claimed'; settle(handled: boolean, nowSeconds: number): void };

export function claimEvent(trigger: string, staticData: IDataObject, eventId: string): Claim {
	const key = `${trigger}\u0000${eventId}`;
	const busy = inFlight.get(key);
	if (busy) return { status: 'busy', handled: busy };
	if (seenBefore(staticData, eventId) || eventId in (handledHere.get(trigger) ?? {})) {
		return { status: 'repeat' };
	}
	let resolve: (handled: boolean) => void = () => {};
	inFlight.set(key, new Promise<boolean>((done) => (resolve = done)));
	return {
		status: 'claimed',
		settle(handled, nowSeconds) {
			if (handled) {
				handledHere.set(
					trigger,
					remember(staticData, eventId, nowSeconds, handledHere.get(trigger)),
				);
			}
			inFlight.delete(key);
			resolve(handled);
		},
	};
}
