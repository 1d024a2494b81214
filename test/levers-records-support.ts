import type { INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runWorkflow } from './harness';
import type { StoredCredential, WorkflowRunResult } from './harness';
import { accessTokenCredential } from './levers-support';
import type { LeversSandbox } from './sandbox/levers-sandbox';

/** What the Levers (records) node tests share: the node, one way to run it, and records to start from. */

export const RECORDS_NODE = 'Levers';

export interface RecordsRun {
	resource: 'contact' | 'invoice' | 'payment';
	operation: string;
	parameters?: INodeParameters;
	items?: Array<Record<string, unknown>>;
	credential?: StoredCredential;
	settings?: Partial<INode>;
}

/** A resource locator's value as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function leversNode(run: RecordsRun, credential: StoredCredential): INode {
	return {
		id: 'levers-node',
		name: RECORDS_NODE,
		type: 'n8n-nodes-levers.levers',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: run.resource, operation: run.operation, ...run.parameters },
		credentials: { leversApi: { id: credential.id, name: credential.name } },
		...run.settings,
	};
}

export async function runLevers(
	sandbox: LeversSandbox,
	run: RecordsRun,
): Promise<WorkflowRunResult> {
	const credential = run.credential ?? accessTokenCredential(sandbox);
	const inputItems: INodeExecutionData[] = (run.items ?? [{}]).map((json) => ({
		json: json as never,
	}));
	return await runWorkflow({
		nodes: [leversNode(run, credential)],
		inputItems,
		credentials: [credential],
	});
}

/** The JSON of the node's output items. */
export const jsonOf = (result: WorkflowRunResult) =>
	result.output(RECORDS_NODE).map((item) => item.json as Record<string, unknown>);

export const errorOf = (result: WorkflowRunResult) =>
	result.nodeError(RECORDS_NODE) as (Error & { description?: string }) | undefined;

/** A contact and an invoice of it, straight in the sandbox's store. */
export function seedInvoice(sandbox: LeversSandbox, total = 500) {
	const contact = sandbox.resources.store.createContact({
		name: 'Seed Contact',
		phoneNumber: '+96612341234',
	});
	const invoice = sandbox.resources.store.createInvoice({
		number: 'INV-1',
		date: '2025-01-01',
		dueDate: '2025-01-31',
		total,
		contactUuid: contact.uuid,
	});
	return { contactUuid: String(contact.uuid), invoiceUuid: String(invoice.uuid) };
}
