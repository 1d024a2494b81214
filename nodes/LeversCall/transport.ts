import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { send } from '../shared/transport';
import type { HttpAnswer, SendOptions } from '../shared/transport';

export { CREDENTIAL_TYPE, CREDENTIALS_REFUSED, UNREACHABLE } from '../shared/transport';
export type { HttpAnswer } from '../shared/transport';

interface PostOptions extends Omit<SendOptions, 'method' | 'url' | 'body' | 'query'> {
	url: string;
	body: IDataObject;
}

/** A call request: one POST through the shared transport, never retried there (see CallSender). */
export async function post(context: IExecuteFunctions, options: PostOptions): Promise<HttpAnswer> {
	return await send(context, { ...options, method: 'POST' });
}
