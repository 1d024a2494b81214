import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { FakeChatModel } from '../fake-llm/fake-chat-model';
import type { ChatMessage } from '../fake-llm/fake-chat-model';
import { LeversSandbox } from '../sandbox/levers-sandbox';
import {
	executionJson,
	installPackage,
	n8nCommand,
	newN8nInstance,
	succeeded,
	workflowNode,
} from './n8n-process';
import type { N8nInstance } from './n8n-process';

/**
 * A real n8n 2.41 AI Agent (3.1) with an OpenAI Chat Model pointed at a scripted local model and
 * Levers Call as its tool (the packed package, installed as Community Nodes installs it). The model
 * asks for a call to an allowed number, then one outside the allow-list, then answers.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');
const ACCESS_TOKEN = 'e2e-agent-access-token-5d2a91';
const OPENAI_KEY = 'sk-fake-e2e-agent-3c7b';
const WORKFLOW_ID = 'LeversAgentE2E01';
const ALLOWED = '+14155550100';
const NOT_ALLOWED = '+442071838750';
const ALLOWED_PREFIXES = '+1415, +9665';
const NUMBER_DESCRIPTION =
	'The phone number to call, in international E.164 format: + then country code and number, e.g. +14155550100';
const TASK_DESCRIPTION = 'What the AI caller should achieve on this call';
const FINAL_ANSWER = 'I called the first number; the second is not on the allowed list.';

let sandbox: LeversSandbox;
let model: FakeChatModel;
let n8n: N8nInstance;
const timings: string[] = [];

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await work();
	} finally {
		timings.push(`  ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
}

function workflow() {
	const node = (name: string, type: string, typeVersion: number, parameters: object) =>
		workflowNode('agent-e2e', name, type, typeVersion, parameters);
	return {
		id: WORKFLOW_ID,
		name: 'Levers: AI Agent with Levers Call tool (e2e)',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
			node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 3.1, {
				promptType: 'define',
				text: 'Call the customers who asked for a payment reminder.',
				options: {},
			}),
			{
				...node('Fake Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', 1.2, {
					model: { __rl: true, mode: 'id', value: 'fake-model' },
					options: {},
				}),
				credentials: { openAiApi: { id: 'FakeOpenAi000001', name: 'Fake model' } },
			},
			{
				...node('Levers Call', 'n8n-nodes-levers.leversCallTool', 1, {
					numberToCall: `={{ $fromAI('numberToCall', '${NUMBER_DESCRIPTION}', 'string') }}`,
					specifyPromptTags: 'keypair',
					promptTags: {
						values: [
							{ name: 'task', value: `={{ $fromAI('task', '${TASK_DESCRIPTION}', 'string') }}` },
						],
					},
					options: { allowedNumberPrefixes: ALLOWED_PREFIXES, maxCallsPerExecution: 3 },
				}),
				credentials: { leversApi: { id: 'LeversAgent00001', name: 'Levers sandbox' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Fake Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			'Levers Call': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

beforeAll(async () => {
	sandbox = await LeversSandbox.start({ accessTokens: [ACCESS_TOKEN] });
	model = await FakeChatModel.start();
	n8n = await newN8nInstance('levers-agent-e2e-');
	const { userFolder } = n8n;

	await timed('install the packed tarball', async () => {
		installPackage(n8n);
	});
	await timed('import credentials and the workflow', async () => {
		const credentials = [
			{
				id: 'LeversAgent00001',
				name: 'Levers sandbox',
				type: 'leversApi',
				data: { authType: 'accessToken', accessToken: ACCESS_TOKEN, baseUrl: sandbox.url },
			},
			{
				id: 'FakeOpenAi000001',
				name: 'Fake model',
				type: 'openAiApi',
				data: { apiKey: OPENAI_KEY, url: model.url },
			},
		];
		writeFileSync(path.join(userFolder, 'credentials.json'), JSON.stringify(credentials));
		writeFileSync(path.join(userFolder, 'workflow.json'), JSON.stringify(workflow()));
		succeeded(
			await n8nCommand(n8n, 'import:credentials', `--input=${userFolder}/credentials.json`),
		);
		succeeded(await n8nCommand(n8n, 'import:workflow', `--input=${userFolder}/workflow.json`));
	});
}, 180_000);

afterAll(async () => {
	await sandbox?.close();
	await model?.close();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
	process.stdout.write(`\nAgent end-to-end phases:\n${timings.join('\n')}\n`);
});

/** What the built node says about itself: the tool's description unless the user writes one. */
function nodeDescription(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { LeversCall } = require(path.join(REPO_ROOT, 'dist/nodes/LeversCall/LeversCall.node.js'));
	return new LeversCall().description.description as string;
}

const parseToolMessage = (message: ChatMessage) => JSON.parse(String(message.content)) as unknown;

test('the agent places the allowed call once, the model reads the refusal of the other, then answers', async () => {
	model.script(
		{ toolCalls: [{ arguments: { numberToCall: ALLOWED, task: 'Remind about invoice 42' } }] },
		{ toolCalls: [{ arguments: { numberToCall: NOT_ALLOWED, task: 'Remind about invoice 43' } }] },
		{ answer: FINAL_ANSWER },
	);

	const run = await timed('execute the agent workflow', () =>
		n8nCommand(n8n, 'execute', `--id=${WORKFLOW_ID}`, '--rawOutput'),
	);

	succeeded(run);
	// Levers: exactly one call, to the allowed number, with the credential's token.
	expect(sandbox.callRequests().map((request) => request.json)).toEqual([
		{ numberToCall: ALLOWED, promptTags: { task: 'Remind about invoice 42' } },
	]);
	expect(sandbox.callRequests()[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);

	// The model: three turns, each offered the tool with the schema built from $fromAI.
	expect(model.requests.map((request) => request.path)).toEqual(
		Array(3).fill('/v1/chat/completions'),
	);
	expect(model.requests[0].authorization).toBe(`Bearer ${OPENAI_KEY}`);
	for (const request of model.requests) {
		expect(request.body.tools).toEqual([
			{
				type: 'function',
				function: {
					name: 'Levers_Call',
					description: nodeDescription(),
					parameters: expect.objectContaining({
						type: 'object',
						properties: {
							numberToCall: { type: 'string', description: NUMBER_DESCRIPTION },
							task: { type: 'string', description: TASK_DESCRIPTION },
						},
						required: ['numberToCall', 'task'],
					}),
					strict: false,
				},
			},
		]);
	}

	// What the tool told the model: a short result for the placed call, then the refusal.
	const [placed, refused] = model.toolMessages();
	expect(parseToolMessage(placed)).toEqual([
		{ outcome: 'placed', numberToCall: ALLOWED, message: expect.any(String) },
	]);
	expect(parseToolMessage(refused)).toEqual([
		{ outcome: 'failed', error: expect.stringContaining(NOT_ALLOWED) },
	]);
	expect(String(refused.content)).toContain('+1415');
	expect(model.requests[1].body.messages?.filter((m) => m.role === 'tool')).toEqual([placed]);

	// The agent finished with the model's answer.
	const agentOutput = executionJson(run).data.resultData.runData['AI Agent'].at(-1)?.data?.main[0];
	expect(agentOutput?.map((item) => item.json.output)).toEqual([FINAL_ANSWER]);
}, 120_000);

test('neither the Levers token nor the model key appears in anything n8n printed', () => {
	const printed = n8n.log.join('\n');
	expect(printed.length).toBeGreaterThan(500);
	expect(printed).not.toContain(ACCESS_TOKEN);
	expect(printed).not.toContain(OPENAI_KEY);
});
