import { Expression } from 'n8n-workflow';

import { EXPRESSION_ENGINE } from './expression-engine';
import { accessTokenCredential, NODE_NAME, runLeversCall, useSandbox } from './levers-support';

/** The unit tier runs expressions on n8n 2.41's own engine (vm) wherever isolated-vm loads (Node 24+). */
const sandbox = useSandbox();
const nodeMajor = Number(process.versions.node.split('.')[0]);

test('the engine is vm on the Node n8n 2.41 runs on (24), legacy only where isolated-vm has no build', () => {
	const expected = process.env.LEVERS_EXPRESSION_ENGINE ?? (nodeMajor >= 24 ? 'vm' : 'legacy');

	expect(EXPRESSION_ENGINE).toBe(expected);
	expect(Expression.getActiveImplementation()).toBe(expected);
});

test("a workflow's expressions are evaluated by that engine, through n8n-core's execution", async () => {
	const result = await runLeversCall({
		parameters: {
			numberToCall: '={{ $json.phone.replace(/\\s/g, "") }}',
			additionalFields: { firstName: '={{ $json.name.split(" ")[0] }}' },
		},
		credential: accessTokenCredential(sandbox()),
		items: [{ phone: '+966 5000 00001', name: 'Sara Al Harbi' }],
	});

	expect(result.output(NODE_NAME)[0].json.outcome).toBe('placed');
	expect(sandbox().callRequests()[0].json).toMatchObject({
		numberToCall: '+966500000001',
		firstName: 'Sara',
	});
});
