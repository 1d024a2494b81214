import type { INodeParameters } from 'n8n-workflow';

import { NODE_NAME, accessTokenCredential, runLeversCall, useSandbox } from './levers-support';

/**
 * The bad-value table of every option of every operation (issue 14): each value either has a meaning (the
 * default when empty, a fraction where one makes sense) and the call goes out, or the run stops at once with a
 * message naming the option, and nothing is sent.
 */
const sandbox = useSandbox();

const VALUES = {
	negative: '={{ -5 }}',
	zero: '={{ 0 }}',
	text: '={{ "abc" }}',
	huge: '={{ 1e12 }}',
	fractional: '={{ 2.5 }}',
	empty: '',
	object: '={{ { a: 1 } }}',
} as const;
type Kind = keyof typeof VALUES;

type Operation = 'call' | 'callBulk' | 'callAndWait';
const EVERY_OPERATION: Operation[] = ['call', 'callBulk', 'callAndWait'];

interface OptionRule {
	/** Where the parameter sits: inside a collection, or at the top of the node. */
	path: 'options' | 'bulkSettings' | 'top';
	name: string;
	operations: Operation[];
	/** The values with a meaning; every other one is refused. */
	accepted: Kind[];
}

const RULES: OptionRule[] = [
	{ path: 'options', name: 'concurrency', operations: EVERY_OPERATION, accepted: ['empty'] },
	{
		path: 'options',
		name: 'callsPerMinute',
		operations: EVERY_OPERATION,
		accepted: ['zero', 'fractional', 'empty'],
	},
	{
		path: 'options',
		name: 'rateLimitAttempts',
		operations: EVERY_OPERATION,
		accepted: ['fractional', 'empty'],
	},
	{
		path: 'options',
		name: 'rateLimitMaxWait',
		operations: EVERY_OPERATION,
		accepted: ['zero', 'fractional', 'empty'],
	},
	{
		path: 'options',
		name: 'maxCallsPerExecution',
		operations: EVERY_OPERATION,
		accepted: ['zero', 'empty'],
	},
	{ path: 'options', name: 'timeout', operations: EVERY_OPERATION, accepted: ['empty'] },
	{ path: 'options', name: 'dryRun', operations: EVERY_OPERATION, accepted: [] },
	{ path: 'options', name: 'skipDuplicates', operations: EVERY_OPERATION, accepted: [] },
	{ path: 'options', name: 'includeInputFields', operations: EVERY_OPERATION, accepted: [] },
	{
		path: 'options',
		name: 'allowedNumberPrefixes',
		operations: EVERY_OPERATION,
		accepted: ['empty'],
	},
	{
		path: 'bulkSettings',
		name: 'contactsPerRequest',
		operations: ['callBulk'],
		accepted: ['empty'],
	},
	{ path: 'bulkSettings', name: 'batchSize', operations: ['callBulk'], accepted: ['empty'] },
	{ path: 'bulkSettings', name: 'countryCode', operations: ['callBulk'], accepted: ['empty'] },
	{ path: 'bulkSettings', name: 'updateExisting', operations: ['callBulk'], accepted: [] },
	{
		path: 'top',
		name: 'waitTimeLimit',
		operations: ['callAndWait'],
		accepted: ['fractional', 'empty'],
	},
];

const cases = RULES.flatMap((rule) =>
	rule.operations.flatMap((operation) =>
		(Object.keys(VALUES) as Kind[]).map((kind) => ({
			operation,
			rule,
			kind,
			verdict: rule.accepted.includes(kind) ? 'accepted' : 'refused',
		})),
	),
);

function parametersFor(operation: Operation, rule: OptionRule, value: string): INodeParameters {
	const parameters: INodeParameters = {
		operation,
		numberToCall: '+966500000001',
		// Call and Wait would park the execution once placed: Dry Run lets an accepted value be seen at once.
		options: operation === 'callAndWait' ? { dryRun: true } : {},
	};
	if (rule.path === 'top') parameters[rule.name] = value;
	else
		parameters[rule.path] = { ...(parameters[rule.path] as INodeParameters), [rule.name]: value };
	return parameters;
}

const fieldOf = (rule: OptionRule) =>
	rule.path === 'top' ? rule.name : `${rule.path}.${rule.name}`;

test.each(cases)(
	'$operation: $rule.name = $kind is $verdict',
	async ({ operation, rule, kind, verdict }) => {
		const result = await runLeversCall({
			parameters: parametersFor(operation, rule, VALUES[kind]),
			credential: accessTokenCredential(sandbox()),
		});

		if (verdict === 'refused') {
			expect(result.status).toBe('error');
			const message = result.nodeError(NODE_NAME)?.message ?? '';
			expect(message).toMatch(new RegExp(`^${fieldOf(rule).replace('.', '\\.')}: `));
			expect(message).toMatch(/ \[item 0\]$/);
			expect(sandbox().requests).toHaveLength(0);
		} else {
			expect(result.status).toBe('success');
			const [item] = result.output(NODE_NAME);
			expect(item.json.outcome).toBe(operation === 'callAndWait' ? 'dryRun' : 'placed');
			expect(sandbox().requests.length).toBe(operation === 'callAndWait' ? 0 : 1);
		}
	},
);
