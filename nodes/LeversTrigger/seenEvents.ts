import type { IDataObject } from 'n8n-workflow';

/**
 * Svix ids already handled, kept in the workflow's static data: Svix resends the same id for about 28 h,
 * so ids are kept 72 h, and at most MAX_EVENTS of them (n8n rewrites the whole map on every save).
 * Best effort: two deliveries handled at the same moment each save their own copy.
 */

const KEY = 'seenEventIds';
const KEEP_SECONDS = 72 * 60 * 60;
export const MAX_EVENTS = 10_000;

type Seen = Record<string, number>;

const seenOf = (staticData: IDataObject): Seen => (staticData[KEY] ?? {}) as Seen;

export function seenBefore(staticData: IDataObject, eventId: string): boolean {
	return eventId in seenOf(staticData);
}

export function remember(staticData: IDataObject, eventId: string, nowSeconds: number): void {
	const kept = Object.entries({ ...seenOf(staticData), [eventId]: nowSeconds })
		.filter(([, seenAt]) => nowSeconds - seenAt <= KEEP_SECONDS)
		.sort(([, a], [, b]) => b - a)
		.slice(0, MAX_EVENTS);
	// Reassigned, not mutated: n8n only notices a change made through its proxy's setter.
	staticData[KEY] = Object.fromEntries(kept);
}
