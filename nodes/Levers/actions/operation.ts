import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { Parsed } from '../../shared/schema';
import type { RecordClient, RecordRequest } from '../run/recordClient';

/** What became of one item: its output records, or why it has none. */
export type Performed =
	| { outcome: 'done'; json: IDataObject[] }
	| { outcome: 'failed' | 'unknown'; error: NodeApiError | NodeOperationError };

/** Get Many: the request of the first page and how many records at most (undefined: all). */
export interface PreparedRequest extends RecordRequest {
	limit?: number;
}

/** One operation of one resource: its parameters, its check, and what it makes of Levers' answer. */
export interface RecordOperation {
	description: INodeProperties[];
	/** The record, in messages: contact, invoice, payment. */
	noun: string;
	/** What a write does; `read` for the operations that change nothing (they may be retried). */
	effect: 'created' | 'changed' | 'read';
	/** Reads one item's parameters and checks them with the operation's zod schema. */
	prepare(context: IExecuteFunctions, itemIndex: number): Parsed<PreparedRequest>;
	/** The item's output from Levers' answer; by default the answer as it is. */
	output?(
		context: IExecuteFunctions,
		itemIndex: number,
		body: unknown,
		request: PreparedRequest,
	): IDataObject[];
	/** Operations of more than one request (Get Many) send them themselves. */
	perform?(
		context: IExecuteFunctions,
		client: RecordClient,
		request: PreparedRequest,
		itemIndex: number,
	): Promise<Performed>;
}
