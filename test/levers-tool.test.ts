import type { IDataObject } from 'n8n-workflow';

import { runToolFlow } from './harness';
import type { ToolPath } from './harness';
import { accessTokenCredential, useSandbox } from './levers-support';
import { leversNode, seedInvoice } from './levers-records-support';
import type { RecordsRun } from './levers-records-support';

/**
 * The Levers node as an AI agent's tool ('leversTool'): it looks a contact up and records a payment with the
 * arguments a model gives through $fromAI, both ways n8n uses a tool; a refusal reaches the model as a result.
 */
const sandbox = useSandbox();

function toolFlow(run: RecordsRun, path: ToolPath, toolCalls: IDataObject[]) {
	const credential = accessTokenCredential(sandbox());
	const tool = { ...leversNode(run, credential), type: 'n8n-nodes-levers.leversTool' };
	return runToolFlow({ tool, credentials: [credential], path, toolCalls });
}

const fromAi = (name: string, description: string, type = 'string') =>
	`={{ $fromAI('${name}', '${description}', '${type}') }}`;

test.each<ToolPath>(['direct', 'agent'])(
	'%s: the agent looks a contact up by its UUID',
	async (path) => {
		const { contactUuid } = seedInvoice(sandbox(), 700);

		const { replies } = await toolFlow(
			{
				resource: 'contact',
				operation: 'get',
				parameters: {
					contactUuid: {
						__rl: true,
						mode: 'id',
						value: fromAi('contactUuid', 'The UUID of the contact'),
					},
				},
			},
			path,
			[{ contactUuid }],
		);

		expect(JSON.parse(replies[0])).toEqual([
			expect.objectContaining({ uuid: contactUuid, name: 'Seed Contact', outstandingAmount: 700 }),
		]);
	},
);

test.each<ToolPath>(['direct', 'agent'])(
	'%s: the agent records a payment; a date it cannot read comes back as a result',
	async (path) => {
		const { invoiceUuid } = seedInvoice(sandbox(), 500);
		const run: RecordsRun = {
			resource: 'payment',
			operation: 'create',
			parameters: {
				invoiceUuid: { __rl: true, mode: 'id', value: invoiceUuid },
				amount: fromAi('amount', 'The amount paid', 'number'),
				date: fromAi('date', 'The payment date, YYYY-MM-DD'),
			},
		};

		const { replies } = await toolFlow(run, path, [
			{ amount: 120, date: '2025-03-02' },
			{ amount: 50, date: 'next Tuesday' },
		]);

		expect(JSON.parse(replies[0])).toEqual([
			expect.objectContaining({ amount: 120, date: '2025-03-02' }),
		]);
		expect(JSON.parse(replies[1])).toEqual([
			{
				error:
					'date: "next Tuesday" is not a date — use YYYY-MM-DD, e.g. 2025-01-31. Nothing was written to Levers for this item.',
			},
		]);
		expect(sandbox().resources.store.invoiceView(invoiceUuid).outstandingAmount).toBe(380);
		expect(sandbox().resourceRequests()).toHaveLength(1);
	},
);
