import { seededRandom } from '../seeded-random';

/**
 * Seeded generator of call items for the property test: good items, and items malformed in exactly one
 * field. "Bad" means the documented Levers API would not take it (E.164 number, UUIDs, text where text
 * is asked, prompt tag values are text); text the API takes (Arabic, emoji, control characters inside,
 * 100 KB) is good in names and tags and must arrive unchanged.
 */

export interface GeneratedItem {
	index: number;
	/** The input item: its keys are the node's parameter names. */
	json: Record<string, unknown>;
	/** The one malformed field (a parameter name), or undefined for a good item. */
	badField?: string;
	/** Which malformed kind of the list this is. */
	kind?: string;
	description: string;
	/** For a good item: the body Levers must receive. */
	expectedBody?: Record<string, unknown>;
}

type Random = () => number;

const prng: (seed: number) => Random = seededRandom;

const DEFAULT_SEED = 20261126;

/** PROPERTY_SEED=<integer> replays a run; PROPERTY_SEED=random explores a new one. */
export function seedFromEnv(text: string | undefined): number {
	if (text === undefined || text === '') return DEFAULT_SEED;
	if (text === 'random') return Math.floor(Math.random() * 2 ** 31);
	const seed = Number(text);
	if (!Number.isSafeInteger(seed))
		throw new Error(`PROPERTY_SEED must be an integer, got "${text}"`);
	return seed;
}

const pick = <T>(random: Random, values: readonly T[]): T =>
	values[Math.floor(random() * values.length)];

const KB_100 = 100 * 1024;
const HEX = '0123456789abcdef';

function uuid(random: Random): string {
	const hex = (n: number) => Array.from({ length: n }, () => pick(random, [...HEX])).join('');
	const text = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
	return random() < 0.3 ? text.toUpperCase() : text;
}

/** Text the API takes as it is; never blank at the ends (the node trims names). */
function goodText(random: Random): string {
	return pick(random, [
		'Ada',
		'Lovelace-Byron',
		'محمد العتيبي',
		'Zoë 👩‍💻 Smith',
		'🙂',
		'Ada\u0007Love\u0000lace',
		'Line\nBreak',
		'שלום, عالم',
		`A${'x'.repeat(KB_100)}`,
		`ع${'ب'.repeat(KB_100 / 2)}`,
	]);
}

function goodMetadata(random: Random, index: number): Record<string, unknown> {
	return pick(random, [
		{ row: index },
		{ row: index, note: goodText(random), nested: { list: [1, 'two', null], ok: true } },
		{ معرف: `id-${index}`, emoji: '📞' },
	]);
}

function goodTags(random: Random): Record<string, string> {
	return pick<Record<string, string>>(random, [
		{ amount: '$500.00' },
		{ name: goodText(random), due: '2026-12-01' },
		{ المبلغ: '٥٠٠ ريال', big: 'y'.repeat(KB_100) },
	]);
}

/** The fields a single call takes, and those a bulk request takes per contact (spec §4f). */
export const CALL_FIELDS = [
	'numberToCall',
	'firstName',
	'lastName',
	'email',
	'contactUuid',
	'aiSettingsTemplateId',
	'updateExisting',
	'metadata',
	'promptTags',
] as const;
export const BULK_CONTACT_FIELDS = [
	'numberToCall',
	'firstName',
	'lastName',
	'metadata',
	'promptTags',
];

type Fields = ReadonlySet<string>;

/** Good values for the optional fields in use, each present or not. */
function goodOptionalFields(random: Random, index: number, use: Fields): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	const maybe = (name: string, make: () => unknown) => {
		if (use.has(name) && random() < 0.5) fields[name] = make();
	};
	maybe('firstName', () => goodText(random));
	maybe('lastName', () => goodText(random));
	maybe('email', () => pick(random, [`user${index}@example.com`, `zoë.${index}@exämple.sa`]));
	maybe('contactUuid', () => uuid(random));
	maybe('aiSettingsTemplateId', () => uuid(random));
	maybe('updateExisting', () => random() < 0.5);
	maybe('metadata', () => goodMetadata(random, index));
	maybe('promptTags', () => goodTags(random));
	return fields;
}

/** The E.164 digits of item `index`: unique, so each call can be traced to its item. */
const digitsOf = (index: number) => `1555${String(index).padStart(7, '0')}`;

/** Punctuation the node documents it removes. */
function formattedPhone(random: Random, digits: string): string {
	const [cc, area, rest] = [digits.slice(0, 1), digits.slice(1, 4), digits.slice(4)];
	return pick(random, [
		`+${digits}`,
		`+${cc} ${area} ${rest.slice(0, 3)} ${rest.slice(3)}`,
		`+${cc}-${area}-${rest}`,
		`+${cc} (${area}) ${rest.slice(0, 3)}.${rest.slice(3)}`,
	]);
}

interface Mutation {
	field: string;
	kind: string;
	name: string;
	/** The bad value; undefined removes the field. */
	value: (random: Random, digits: string) => unknown;
}

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
const toArabicDigits = (digits: string) => digits.replace(/\d/g, (d) => ARABIC_DIGITS[Number(d)]);
const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f'];
const insert = (text: string, at: number, piece: string) =>
	text.slice(0, at) + piece + text.slice(at);

const wrongTypes = (field: string, values: Array<[string, unknown]>): Mutation[] =>
	values.map(([name, value]) => ({ field, kind: 'wrong type', name, value: () => value }));

function uuidMutations(field: string): Mutation[] {
	return [
		{ field, kind: 'bad UUID', name: 'one digit short', value: (r) => uuid(r).slice(0, -1) },
		{ field, kind: 'bad UUID', name: 'one digit long', value: (r) => `${uuid(r)}a` },
		{ field, kind: 'bad UUID', name: 'not hex', value: (r) => `g${uuid(r).slice(1)}` },
		{ field, kind: 'bad UUID', name: 'a name', value: () => 'default-template' },
		{ field, kind: '100 KB string', name: '100 KB', value: () => 'a'.repeat(KB_100) },
		{ field, kind: 'Arabic text', name: 'Arabic digit', value: (r) => `٩${uuid(r).slice(1)}` },
		{ field, kind: 'emoji', name: 'emoji', value: (r) => `${uuid(r).slice(0, -2)}🙂` },
		{
			field,
			kind: 'control character',
			name: 'control character inside',
			value: (r) => insert(uuid(r), 9, pick(r, CONTROL)),
		},
		...wrongTypes(field, [
			['number', 42],
			['object', { id: '9bfa828a-3c2d-430c-bdc7-f74d90334524' }],
			['list', ['9bfa828a-3c2d-430c-bdc7-f74d90334524']],
			['boolean', true],
		]),
	];
}

const textWrongTypes = (field: string) =>
	wrongTypes(field, [
		['object', { text: 'Ada' }],
		['list', ['Ada', 'Lovelace']],
		['boolean', true],
	]);

const MUTATIONS: Mutation[] = [
	{ field: 'numberToCall', kind: 'bad phone', name: 'no plus', value: (_, d) => d },
	{ field: 'numberToCall', kind: 'bad phone', name: '00 prefix', value: (_, d) => `00${d}` },
	{ field: 'numberToCall', kind: 'bad phone', name: '7 digits', value: () => '+1234567' },
	{ field: 'numberToCall', kind: 'bad phone', name: '16 digits', value: () => '+1234567890123456' },
	{ field: 'numberToCall', kind: 'bad phone', name: 'letters', value: () => '+1555CALLNOW' },
	{ field: 'numberToCall', kind: 'bad phone', name: 'country code 0', value: (_, d) => `+0${d}` },
	{ field: 'numberToCall', kind: 'bad phone', name: 'empty', value: () => '' },
	{ field: 'numberToCall', kind: 'bad phone', name: 'blank', value: () => '   ' },
	{ field: 'numberToCall', kind: 'bad phone', name: 'missing', value: () => undefined },
	{
		field: 'numberToCall',
		kind: 'Arabic text',
		name: 'Arabic-Indic digits',
		value: (_, d) => `+${toArabicDigits(d)}`,
	},
	{ field: 'numberToCall', kind: 'Arabic text', name: 'Arabic words', value: () => 'رقم الهاتف' },
	{
		field: 'numberToCall',
		kind: 'emoji',
		name: 'emoji',
		value: (_, d) => `+${insert(d, 4, '📞')}`,
	},
	{
		field: 'numberToCall',
		kind: 'control character',
		name: 'control character inside',
		value: (r, d) => `+${insert(d, 4, pick(r, CONTROL))}`,
	},
	{
		field: 'numberToCall',
		kind: '100 KB string',
		name: '100 KB',
		value: () => `+${'1'.repeat(KB_100)}`,
	},
	...wrongTypes('numberToCall', [
		['object', { number: '+15550001234' }],
		['list', ['+15550001234']],
		['boolean', true],
	]),
	{ field: 'numberToCall', kind: 'wrong type', name: 'number', value: (_, d) => Number(d) },
	...textWrongTypes('firstName'),
	...textWrongTypes('lastName'),
	...textWrongTypes('email'),
	...uuidMutations('contactUuid'),
	...uuidMutations('aiSettingsTemplateId'),
	...wrongTypes('updateExisting', [
		['text', 'yes'],
		['number', 1],
		['object', { value: true }],
		['list', [true]],
	]),
	...wrongTypes('metadata', [
		['list', [1, 2]],
		['number', 7],
		['boolean', true],
		['text that is not JSON', 'row 1: not json {'],
	]),
	...[
		['nested object', { amount: { value: '500' } }],
		['nested list', { amount: ['500'] }],
		['nested object among text', { name: 'محمد', details: { vip: 'yes' } }],
	].map(
		([name, value]): Mutation => ({
			field: 'promptTags',
			kind: 'nested prompt tag',
			name: name as string,
			value: () => value,
		}),
	),
	...wrongTypes('promptTags', [
		['boolean value', { vip: true }],
		['null value', { vip: null }],
		['a list', ['$500']],
		['a number', 500],
	]),
];

function goodItem(random: Random, index: number, use: Fields): GeneratedItem {
	const digits = digitsOf(index);
	const optional = goodOptionalFields(random, index, use);
	const numberToCall = formattedPhone(random, digits);
	const expectedBody: Record<string, unknown> = { numberToCall: `+${digits}`, ...optional };
	if (expectedBody.updateExisting === false) delete expectedBody.updateExisting; // the API default
	return {
		index,
		json: { numberToCall, ...optional },
		description: `good, number ${numberToCall}`,
		expectedBody,
	};
}

function badItem(random: Random, index: number, mutation: Mutation, use: Fields): GeneratedItem {
	const digits = digitsOf(index);
	const json: Record<string, unknown> = {
		numberToCall: `+${digits}`,
		...goodOptionalFields(random, index, use),
	};
	const value = mutation.value(random, digits);
	if (value === undefined) delete json[mutation.field];
	else json[mutation.field] = value;
	return {
		index,
		json,
		badField: mutation.field,
		kind: mutation.kind,
		description: `bad ${mutation.field}: ${mutation.kind}, ${mutation.name}`,
	};
}

/**
 * Every mutation of the fields in use at least once, the rest drawn at random, shuffled among the good
 * items. `fields`: what the operation reads per item (a bulk contact has fewer fields than a call).
 */
export function generateItems(
	seed: number,
	counts: { bad: number; good: number },
	fields: readonly string[] = CALL_FIELDS,
): GeneratedItem[] {
	const random = prng(seed);
	const use: Fields = new Set(fields);
	const usable = MUTATIONS.filter((mutation) => use.has(mutation.field));
	const mutations = Array.from({ length: Math.max(counts.bad, usable.length) }, (_, i) =>
		i < usable.length ? usable[i] : pick(random, usable),
	);
	const plan: Array<Mutation | undefined> = [...mutations, ...Array(counts.good).fill(undefined)];
	for (let i = plan.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[plan[i], plan[j]] = [plan[j], plan[i]];
	}
	return plan.map((mutation, index) =>
		mutation ? badItem(random, index, mutation, use) : goodItem(random, index, use),
	);
}
