import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import type { z } from 'zod/v3';

import type { Parsed } from '../../shared/schema';
import { check, readItem } from '../schemas/request';
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

/** An operation of one request: which parameters it reads, its schema, and where the checked values go. */
export interface OneRequestSpec {
	resource: 'contact' | 'invoice' | 'payment';
	operation: string;
	noun: string;
	effect: RecordOperation['effect'];
	properties: INodeProperties[];
	/** The top-level parameters; a collection's fields are read beside them. */
	parameters: string[];
	collection?: 'additionalFields' | 'updateFields';
	schema: z.ZodType<unknown, z.ZodTypeDef, unknown>;
	method: IHttpRequestMethods;
	/** The path; or, from what the schema returns, the path and the body. */
	to: string | ((checked: never) => { path: string; body?: IDataObject });
	output?: RecordOperation['output'];
}

export function oneRequest(spec: OneRequestSpec): RecordOperation {
	return {
		noun: spec.noun,
		effect: spec.effect,
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			spec.properties,
		),
		prepare(context, itemIndex) {
			const values = readItem(context, itemIndex, spec.parameters, spec.collection);
			const parsed = check(spec.schema, values);
			if (!parsed.ok) return parsed;
			const { path, body } =
				typeof spec.to === 'string'
					? { path: spec.to, body: parsed.body as IDataObject }
					: spec.to(parsed.body as never);
			return { ok: true, body: { method: spec.method, path, ...(body ? { body } : {}) } };
		},
		output: spec.output,
	};
}
