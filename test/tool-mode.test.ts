import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { runToolFlow } from './harness';
import type { ToolFlowResult, ToolPath } from './harness';
import { loadPackage } from './harness/package-loader';
import {
	accessTokenCredential,
	ACCESS_TOKEN,
	leversCallNode,
	NODE_NAME,
	rows,
	useSandbox,
} from './levers-support';

/**
 * Levers Call as an AI Agent tool ('leversCallTool', made as n8n's CLI makes it), used both ways n8n
 * 2.41 uses a tool: invoked directly (AI Agent 1.x/2.x, MCP Server Trigger) and run by the engine
 * on the agent's request (AI Agent 3.1, the default). Arguments stand in for what a model would send.
 */
const sandbox = useSandbox();

const NUMBER_DESCRIPTION =
	'The phone number to call, in international E.164 format: + then country code and number, e.g. +14155550100';
const TASK_DESCRIPTION = 'What the AI caller should achieve on this call';

/** A tool node as a user sets one up: the number and a prompt tag left to the model through $fromAI. */
const fromAiParameters: INodeParameters = {
	numberToCall: `={{ $fromAI('numberToCall', '${NUMBER_DESCRIPTION}', 'string') }}`,
	specifyPromptTags: 'keypair',
	promptTags: rows({ task: `={{ $fromAI('task', '${TASK_DESCRIPTION}', 'string') }}` }),
};

function toolNode(
	parameters: INodeParameters = fromAiParameters,
	settings: Partial<INode> = {},
): INode {
	return leversCallNode(parameters, accessTokenCredential(sandbox()), {
		type: 'n8n-nodes-levers.leversCallTool',
		...settings,
	});
}

async function callTool(
	path: ToolPath,
	toolCalls: IDataObject[],
	tool: INode = toolNode(),
	accessToken = ACCESS_TOKEN,
): Promise<ToolFlowResult> {
	return await runToolFlow({
		tool,
		credentials: [accessTokenCredential(sandbox(), accessToken)],
		path,
		toolCalls,
	});
}

/** A reply is the JSON of the tool node's output items: what the model reads. */
function items(reply: string): IDataObject[] {
	return JSON.parse(reply) as IDataObject[];
}

/** The first item's outcome of each reply. */
function outcomes(replies: string[]): unknown[] {
	return replies.map((reply) => items(reply)[0].outcome);
}

/** The numbers Levers was asked to call, in order. */
function calledNumbers(): unknown[] {
	return sandbox()
		.callRequests()
		.map((request) => (request.json as IDataObject).numberToCall);
}

function errorOf(reply: string): string {
	const [item] = items(reply);
	return String(item.error);
}

const call = (numberToCall: string, task = 'Remind Sara about invoice 42') => ({
	numberToCall,
	task,
});

describe.each<ToolPath>(['direct', 'agent'])('used as a tool, %s path', (path) => {
	test('the model sees the tool by the node name, with the node description and one argument per $fromAI key', async () => {
		const { tool } = await callTool(path, []);
		const { description } = (await loadPackage()).getNode('leversCall').type as {
			description: { description: string };
		};

		expect(tool).toEqual({
			name: 'Levers_Call',
			description: description.description,
			sourceNodeName: NODE_NAME,
			schema: {
				numberToCall: { type: 'string', description: NUMBER_DESCRIPTION, optional: false },
				task: { type: 'string', description: TASK_DESCRIPTION, optional: false },
			},
		});
		expect(sandbox().requests).toEqual([]);
	});

	test('a JSON argument carries the prompt tags whole; an argument with a default may be left out', async () => {
		const parameters: INodeParameters = {
			numberToCall: fromAiParameters.numberToCall,
			additionalFields: {
				firstName: "={{ $fromAI('firstName', 'First name, if known', 'string', '') }}",
			},
			specifyPromptTags: 'json',
			promptTagsJson:
				"={{ $fromAI('promptTags', 'Values for the template placeholders, as text', 'json') }}",
		};
		const { tool, replies } = await callTool(
			path,
			[{ numberToCall: '+14155550100', promptTags: { amount: '$500.00', due_date: 'May 1' } }],
			toolNode(parameters),
		);

		expect(tool.schema).toEqual({
			numberToCall: { type: 'string', description: NUMBER_DESCRIPTION, optional: false },
			firstName: { type: 'string', description: 'First name, if known', optional: true },
			promptTags: {
				type: 'any',
				description: 'Values for the template placeholders, as text',
				optional: false,
			},
		});
		expect(
			sandbox()
				.callRequests()
				.map((request) => request.json),
		).toEqual([
			{ numberToCall: '+14155550100', promptTags: { amount: '$500.00', due_date: 'May 1' } },
		]);
		expect(outcomes(replies)).toEqual(['placed']);
	});

	test('the Description the user writes is what the model reads', async () => {
		const toolDescription =
			'Calls a customer about an unpaid invoice. Only for numbers the user gave.';
		const { tool } = await callTool(
			path,
			[],
			// "Set Manually": n8n adds this switch to a tool whose node has an operation.
			toolNode({ ...fromAiParameters, descriptionType: 'manual', toolDescription }),
		);
		expect(tool.description).toBe(toolDescription);
	});

	test('a call: one request to Levers with the number, the prompt tag and the bearer token; the model reads a short result', async () => {
		const { run, replies } = await callTool(path, [call('+1 415 555 0100')]);

		expect(run.status).toBe('success');
		const calls = sandbox().callRequests();
		expect(calls.map((request) => request.json)).toEqual([
			{ numberToCall: '+14155550100', promptTags: { task: 'Remind Sara about invoice 42' } },
		]);
		expect(calls[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
		expect(replies.map(items)).toEqual([
			[
				{
					outcome: 'placed',
					numberToCall: '+14155550100',
					message: expect.stringContaining('+14155550100'),
				},
			],
		]);
	});

	test('two calls in one execution: each number is called once, in order', async () => {
		const { replies } = await callTool(path, [call('+14155550100'), call('+14155550101')]);

		expect(
			sandbox()
				.callRequests()
				.map((request) => request.json),
		).toEqual([
			{ numberToCall: '+14155550100', promptTags: { task: 'Remind Sara about invoice 42' } },
			{ numberToCall: '+14155550101', promptTags: { task: 'Remind Sara about invoice 42' } },
		]);
		expect(outcomes(replies)).toEqual(['placed', 'placed']);
	});

	test('a number that is not E.164 is refused before sending, and the model reads why and what to do', async () => {
		const { run, replies } = await callTool(path, [call('0555 123')]);

		expect(sandbox().requests).toEqual([]);
		expect(run.status).toBe('success');
		expect(replies.map(items)).toEqual([[{ outcome: 'failed', error: expect.any(String) }]]);
		expect(errorOf(replies[0])).toContain('"0555 123" is not an international phone number');
		expect(errorOf(replies[0])).toContain('E.164');
	});

	test('a number outside Allowed Number Prefixes is refused before sending; the model reads the number and the allowed prefixes', async () => {
		const { run, replies } = await callTool(
			path,
			[call('+442071838750'), call('+14155550100')],
			toolNode({ ...fromAiParameters, options: { allowedNumberPrefixes: '+9665, +1415' } }),
		);

		expect(run.status).toBe('success');
		// The refusal does not stop the agent: its next, allowed call is placed.
		expect(
			sandbox()
				.callRequests()
				.map((request) => request.json),
		).toEqual([
			{ numberToCall: '+14155550100', promptTags: { task: 'Remind Sara about invoice 42' } },
		]);
		expect(outcomes(replies)).toEqual(['failed', 'placed']);
		const refusal = errorOf(replies[0]);
		expect(refusal).toContain('numberToCall');
		expect(refusal).toContain('+442071838750');
		expect(refusal).toContain('+9665, +1415');
	});

	test('Max Calls per Execution 1: the second call of the execution is refused before sending', async () => {
		const { run, replies } = await callTool(
			path,
			[call('+14155550100'), call('+14155550101')],
			toolNode({ ...fromAiParameters, options: { maxCallsPerExecution: 1 } }),
		);

		expect(run.status).toBe('success');
		expect(calledNumbers()).toEqual(['+14155550100']);
		expect(outcomes(replies)).toEqual(['placed', 'failed']);
		expect(errorOf(replies[1])).toContain('Max Calls per Execution');
	});

	test('calls that placed nothing (refused, or rejected by Levers) do not use up Max Calls per Execution', async () => {
		sandbox().respondNext({
			status: 422,
			body: {
				detail: [{ loc: ['body', 'numberToCall'], msg: 'invalid number', type: 'value_error' }],
			},
		});
		const { replies } = await callTool(
			path,
			[call('+442071838750'), call('+14155550199'), call('+14155550100')],
			toolNode({
				...fromAiParameters,
				options: { allowedNumberPrefixes: '+1415', maxCallsPerExecution: 1 },
			}),
		);

		expect(outcomes(replies)).toEqual(['failed', 'failed', 'placed']);
		expect(
			sandbox()
				.callRequests()
				.map((request) => [(request.json as IDataObject).numberToCall, request.status]),
		).toEqual([
			['+14155550199', 422],
			['+14155550100', 201],
		]);
		expect(errorOf(replies[1])).toContain('invalid number');
	});

	test('an unclear failure (Levers answers 500) reaches the model as "unknown" and counts against the limit', async () => {
		sandbox().respondNext({ status: 500, body: { detail: 'Internal Server Error' } });
		const { run, replies } = await callTool(
			path,
			[call('+14155550100'), call('+14155550101')],
			toolNode({ ...fromAiParameters, options: { maxCallsPerExecution: 1 } }),
		);

		expect(run.status).toBe('success');
		// Sent once, never retried: it may have been placed.
		expect(sandbox().callRequests()).toHaveLength(1);
		expect(outcomes(replies)).toEqual(['unknown', 'failed']);
		expect(errorOf(replies[0])).toMatch(/may (or may not )?have been placed/);
		expect(errorOf(replies[1])).toContain('Max Calls per Execution');
	});

	test('with Retry On Fail on the tool node, a call whose outcome is unknown is not sent again', async () => {
		sandbox().respondNext({ status: 500, body: { detail: 'Internal Server Error' } });
		const { replies } = await callTool(
			path,
			[call('+14155550100')],
			// Two tries; the engine path waits its 1 s default between them (it reads a 0 wait as unset).
			toolNode(fromAiParameters, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 }),
		);

		expect(sandbox().callRequests()).toHaveLength(1);
		expect(items(replies[0])).toEqual([
			{ outcome: 'unknown', numberToCall: '+14155550100', error: expect.any(String) },
		]);
	});

	test('Skip Repeated Numbers holds within one node run, and each tool call is its own run: the same number twice is called twice (README says so)', async () => {
		const { replies } = await callTool(
			path,
			[call('+14155550100'), call('+14155550100')],
			toolNode({ ...fromAiParameters, options: { skipDuplicates: true } }),
		);

		expect(calledNumbers()).toEqual(['+14155550100', '+14155550100']);
		expect(outcomes(replies)).toEqual(['placed', 'placed']);
	});

	test('nothing the model reads carries the token, even when Levers refuses it', async () => {
		const { replies } = await callTool(
			path,
			[call('+14155550100')],
			toolNode(),
			'wrong-token-3e1f',
		);

		expect(items(replies[0])).toEqual([
			{ outcome: 'failed', numberToCall: '+14155550100', error: expect.any(String) },
		]);
		for (const reply of replies) {
			expect(reply).not.toContain(ACCESS_TOKEN);
			expect(reply).not.toContain('wrong-token-3e1f');
		}
	});

	test("every item the tool returns has an outcome, and none carries the request or Levers' full answer", async () => {
		const { replies } = await callTool(path, [call('+14155550100'), call('12')]);

		for (const item of replies.flatMap(items)) {
			expect(Object.keys(item)).toContain('outcome');
			expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['request']));
			expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['response']));
		}
	});
});

test('agent path: two tool calls in one model reply run one after another, and Max Calls per Execution holds across them', async () => {
	const { run, replies, agent } = await runToolFlow({
		tool: toolNode({ ...fromAiParameters, options: { maxCallsPerExecution: 1 } }),
		credentials: [accessTokenCredential(sandbox())],
		path: 'agent',
		toolCalls: [call('+14155550100'), call('+14155550101')],
		callsPerTurn: 2,
	});

	expect(run.status).toBe('success');
	expect(agent?.map((observation) => observation.id)).toEqual(['call_1', 'call_2']);
	expect(calledNumbers()).toEqual(['+14155550100']);
	expect(outcomes(replies)).toEqual(['placed', 'failed']);
});

test('agent path: On Error set to the error output is refused before any call, and the model is told why', async () => {
	// n8n would move the tool's items to an error output the agent never reads: it would see "" even for a
	// placed call, and might call again. So the node stops first, and the thrown message reaches the model.
	const { run, replies } = await callTool(
		'agent',
		[call('+14155550100')],
		toolNode(fromAiParameters, { onError: 'continueErrorOutput' }),
	);

	expect(run.status).toBe('success');
	expect(calledNumbers()).toEqual([]);
	expect(replies.join('\n')).toContain('cannot use On Error');
	expect(replies.join('\n')).toContain('No call was placed');
});

test('agent path: the model leaves out the number: refused before sending, and told so', async () => {
	const { replies } = await callTool('agent', [{ task: 'Remind Sara' }]);

	expect(sandbox().requests).toEqual([]);
	expect(items(replies[0])).toEqual([
		{ outcome: 'failed', error: expect.stringContaining('numberToCall') },
	]);
});

test('direct path: arguments that do not fit the schema are stopped by n8n before the node runs', async () => {
	const { replies } = await callTool('direct', [{ task: 'Remind Sara' }]);

	expect(sandbox().requests).toEqual([]);
	expect(replies[0]).toMatch(/^Error: .*schema/);
});

test('agent path: with On Error set to stop the workflow, a refusal still reaches the model and the run goes on', async () => {
	const { run, replies } = await callTool(
		'agent',
		[call('+442071838750'), call('+14155550100')],
		toolNode(
			{ ...fromAiParameters, options: { allowedNumberPrefixes: '+1415' } },
			{ onError: 'stopWorkflow' },
		),
	);

	expect(run.status).toBe('success');
	expect(outcomes(replies)).toEqual(['failed', 'placed']);
	expect(sandbox().callRequests()).toHaveLength(1);
});

describe.each<ToolPath>(['direct', 'agent'])('what the model reads, %s path', (path) => {
	test('left at its default, Number to Call comes from the model with the E.164 format described', async () => {
		// Only the prompt tag is set: the tool variant's Number to Call default is a $fromAI expression.
		const { tool, replies } = await callTool(
			path,
			[call('+14155550100')],
			toolNode({ ...fromAiParameters, numberToCall: undefined } as unknown as INodeParameters),
		);

		expect(tool?.schema.numberToCall).toEqual({
			type: 'string',
			description: expect.stringContaining('E.164'),
			optional: false,
		});
		expect(outcomes(replies)).toEqual(['placed']);
		expect(calledNumbers()).toEqual(['+14155550100']);
	});

	test('a bad setting of the tool is a result the model can act on, not a thrown error; nothing is sent', async () => {
		const { replies } = await callTool(
			path,
			[call('+14155550100')],
			toolNode({ ...fromAiParameters, options: { allowedNumberPrefixes: '9665' } }),
		);

		expect(items(replies[0])).toEqual([
			{ outcome: 'failed', error: expect.stringContaining('options.allowedNumberPrefixes') },
		]);
		expect(errorOf(replies[0])).toContain('do not retry; tell the user');
		expect(errorOf(replies[0])).not.toMatch(/\[item \d+\]/);
		expect(sandbox().requests).toEqual([]);
	});

	test('an unclear outcome tells the model not to call the number again', async () => {
		sandbox().respondNext({ status: 502, place: true });

		const { replies } = await callTool(path, [call('+14155550100')]);

		expect(items(replies[0])[0]).toMatchObject({
			outcome: 'unknown',
			numberToCall: '+14155550100',
		});
		expect(errorOf(replies[0])).toContain('Do not call this number again');
		expect(errorOf(replies[0])).not.toMatch(/\[item \d+\]/);
	});
});
