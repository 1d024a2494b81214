import type { INodeParameters } from 'n8n-workflow';

import {
	NODE_NAME,
	accessTokenCredential,
	rows,
	runLeversCall,
	useSandbox,
} from './levers-support';
import { violations } from './model/invariants';
import { observe } from './model/observed';
import { TIMEOUT_MS, generateScenario, random, scriptKey, scripted } from './model/scenario';
import type { Scenario } from './model/scenario';

/**
 * Model-based test of the run engine (issue 14): generated runs, each checked against the reference model and
 * the engine's invariants. MODEL_SEEDS=500 runs more; MODEL_SEED=123 replays one seed.
 */
const sandbox = useSandbox();

const FIRST_SEED = 1;
const seeds = process.env.MODEL_SEED
	? [Number(process.env.MODEL_SEED)]
	: Array.from({ length: Number(process.env.MODEL_SEEDS ?? 50) }, (_, index) => FIRST_SEED + index);

function parametersOf(scenario: Scenario): INodeParameters {
	return {
		operation: scenario.operation,
		numberToCall: '={{ $json.phone }}',
		metadata: rows({ scriptKey: '={{ $json.key }}' }),
		...(scenario.operation === 'callBulk'
			? { bulkSettings: { contactsPerRequest: scenario.contactsPerRequest } }
			: {}),
		options: {
			concurrency: scenario.concurrency,
			skipDuplicates: scenario.skipDuplicates,
			dryRun: scenario.dryRun,
			maxCallsPerExecution: scenario.maxCallsPerExecution,
			rateLimitAttempts: scenario.rateLimitAttempts,
			// 429 without Retry-After then fails at once: its back-off is random, the model's answers are not.
			rateLimitMaxWait: 0,
			timeout: TIMEOUT_MS,
		},
	};
}

test.each(seeds)('seed %i: the run keeps every promise of the engine', async (seed) => {
	const scenario = generateScenario(seed);
	const jitter = random(seed ^ 0x5bd1e995);
	scenario.items.forEach((item, index) =>
		sandbox().scriptFor(
			scriptKey(index),
			...item.answers.map((answer) => scripted(answer, Math.floor(jitter() * 15))),
		),
	);

	const result = await runLeversCall({
		parameters: parametersOf(scenario),
		credential: accessTokenCredential(sandbox()),
		items: scenario.items.map((item, index) => ({ phone: item.phone, key: scriptKey(index) })),
		continueOnFail: scenario.continueOnFail,
	});

	// Nothing may still start once the node has returned (a waiter woken late, a 429 repeat due after the stop).
	const requestsAtEnd = sandbox().requests.length;
	await new Promise((resolve) => setTimeout(resolve, 60));
	const lateRequests = sandbox().requests.length - requestsAtEnd;

	const run = observe(scenario, sandbox(), {
		status: result.status,
		output: result.status === 'success' ? result.output(NODE_NAME) : undefined,
		errorMessage: result.nodeError(NODE_NAME)?.message,
	});
	const broken = violations(scenario, run);
	if (lateRequests > 0) broken.push(`${lateRequests} request(s) arrived after the node had returned`);
	if (broken.length > 0) {
		throw new Error(
			`seed ${seed} (replay: MODEL_SEED=${seed} npx jest test/run-engine-model.test.ts)\n` +
				`${broken.join('\n')}\nscenario: ${JSON.stringify(scenario)}`,
		);
	}
});
