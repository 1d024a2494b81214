import type { Wording } from '../../shared/errors';

/** The Levers node's words for the shared error mapping: a request reads or writes a record. */
export function wordingFor(noun: string, effect: 'created' | 'changed' | 'read'): Wording {
	const reads = effect === 'read';
	const nothing = reads
		? 'Nothing was changed in Levers.'
		: 'Nothing was written to Levers for this item.';
	return {
		notSent: nothing,
		maybeSent: reads
			? 'Nothing was changed in Levers: this operation only reads.'
			: `The ${noun} may have been ${effect} in Levers: check it there before running this item again.`,
		request: `${noun} request`,
		notFound: {
			message: `Levers found nothing for this ${noun} request (HTTP 404)`,
			hint: 'Check the UUIDs the item gives, and that the Base URL of the credential is the host only, e.g. https://api.dev.uselevers.com.',
		},
		rateLimited: {
			message: 'Levers is limiting how fast requests can be sent (HTTP 429)',
			hint: 'Run fewer items at a time, or wait a few minutes before running this again.',
		},
	};
}
