import type { IDataObject } from 'n8n-workflow';

/**
 * The one reading of a Levers webhook payload. Levers documents a flat `phone_call.ended` body, while its
 * verification page reads `{ type, data }`: both shapes give the same output item.
 */

export const CALL_ENDED = 'phone_call.ended';

/**
 * Keys "Call and Wait for Result" adds to the call's metadata beside the user's own. Levers echoes them in
 * `metadata.requestMetadata`; they steer the relay and are kept out of output items (the resume URL is a
 * capability to resume that execution).
 */
export const WAIT_KEYS = { resumeUrl: 'n8nResumeUrl', waitId: 'n8nWaitId' } as const;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export interface CallEvent {
	/** The event type; a flat payload (no envelope) is a `phone_call.ended`. */
	type: string;
	/** The call's fields as Levers sent them. */
	call: IDataObject;
	/** `metadata.requestMetadata`, including the wait keys if any. */
	requestMetadata: IDataObject;
}

/** Reads a parsed JSON body; undefined when it is not an object (not a Levers event at all). */
export function readCallEvent(payload: unknown): CallEvent | undefined {
	if (!isObject(payload)) return undefined;
	const enveloped = typeof payload.type === 'string' && isObject(payload.data);
	const call = enveloped ? (payload.data as IDataObject) : payload;
	const type = typeof payload.type === 'string' ? payload.type : CALL_ENDED;
	const metadata = isObject(call.metadata) ? call.metadata : {};
	const requestMetadata = isObject(metadata.requestMetadata) ? metadata.requestMetadata : {};
	return { type, call, requestMetadata };
}

/** The output item of the trigger and of the "Call Ended" output: the call's fields at the top level. */
export function callEventItem(event: CallEvent, eventId: string, receivedAt: string): IDataObject {
	const { metadata, ...fields } = event.call;
	const requestMetadata = { ...event.requestMetadata };
	delete requestMetadata[WAIT_KEYS.resumeUrl];
	delete requestMetadata[WAIT_KEYS.waitId];
	const item: IDataObject = { ...fields, requestMetadata };
	// Anything else Levers may put in metadata stays where it was.
	if (isObject(metadata)) {
		const rest = { ...metadata };
		delete rest.requestMetadata;
		if (Object.keys(rest).length > 0) item.metadata = rest;
	}
	return { ...item, eventId, eventType: event.type, receivedAt };
}
