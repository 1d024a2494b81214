import { z } from 'zod/v3';

import { optionDefault } from './properties';

/**
 * The Options collection, checked here and nowhere else: how a run sends its calls. Every option but Timeout
 * is read once per node run (at item 0); Timeout is read per item, as it always was, and checked by the same
 * schema (parseItemTimeout), so a bad value fails its own item before anything is sent.
 */
export interface RunOptions {
	concurrency: number;
	/** 0: no pacing. */
	callsPerMinute: number;
	rateLimitAttempts: number;
	rateLimitMaxWaitMs: number;
	dryRun: boolean;
	skipDuplicates: boolean;
	allowedNumberPrefixes: string[];
	/** 0: no limit. */
	maxCallsPerExecution: number;
	includeInputFields: boolean;
}

const E164_PREFIX = /^\+\d{1,15}$/;

/** A number typed in the UI or given by an expression; blank means the default. */
const count = (
	name: string,
	min: number,
	max: number,
	unit: string,
	fallback = optionDefault(name),
) =>
	z
		.unknown()
		.transform((value) =>
			value === undefined || value === null || value === '' ? fallback : value,
		)
		.pipe(
			z
				.number({ invalid_type_error: `must be a number from ${min} to ${max}${unit}` })
				.min(min, `must be at least ${min}${unit}`)
				.max(max, `must be at most ${max}${unit}`),
		);

const flag = z.boolean({ invalid_type_error: 'must be true or false' }).default(false);

const prefixes = z.unknown().transform((value, ctx) => {
	if (value === undefined || value === null) return [];
	if (typeof value !== 'string') {
		ctx.addIssue({ code: 'custom', message: 'must be text, e.g. +9665, +1415' });
		return z.NEVER;
	}
	const list = value.split(/[\s,;]+/).filter((prefix) => prefix !== '');
	const bad = list.find((prefix) => !E164_PREFIX.test(prefix));
	if (bad !== undefined) {
		ctx.addIssue({
			code: 'custom',
			message: `"${bad}" is not an E.164 prefix: write "+" then digits, e.g. +9665, +1415`,
		});
		return z.NEVER;
	}
	return list;
});

/** Node's timers overflow past 2^31 - 1 ms (and then fire at once): an hour is far beyond any answer. */
const MAX_TIMEOUT_MS = 3_600_000;

/** A year: n8n stores the wait's end as a date; beyond any call's result. */
const MAX_WAIT_MINUTES = 525_600;
export const DEFAULT_WAIT_MINUTES = 60;

/** The options read outside the run-wide Options pass: Timeout per item, Call and Wait's Time Limit. */
const itemTimeoutSchema = z.object({
	timeout: count('timeout', 1000, MAX_TIMEOUT_MS, ' milliseconds').transform(Math.round),
});
const waitTimeLimitSchema = count(
	'waitTimeLimit',
	1,
	MAX_WAIT_MINUTES,
	' minutes',
	DEFAULT_WAIT_MINUTES,
);

const runOptionsSchema = z
	.object({
		concurrency: count('concurrency', 1, 50, '').pipe(z.number().int()),
		callsPerMinute: count('callsPerMinute', 0, 100_000, ' (0 = no limit)'),
		rateLimitAttempts: count('rateLimitAttempts', 1, 20, ''),
		rateLimitMaxWait: count('rateLimitMaxWait', 0, 3600, ' seconds'),
		dryRun: flag,
		skipDuplicates: flag,
		includeInputFields: flag,
		allowedNumberPrefixes: prefixes,
		maxCallsPerExecution: count('maxCallsPerExecution', 0, 1_000_000, ' (0 = no limit)').pipe(
			z.number().int(),
		),
	})
	.transform(
		({ rateLimitMaxWait, rateLimitAttempts, ...rest }): RunOptions => ({
			...rest,
			rateLimitAttempts: Math.floor(rateLimitAttempts),
			rateLimitMaxWaitMs: rateLimitMaxWait * 1000,
		}),
	);

/** A value the schema refused: the field (dotted path) and what is wrong with it. */
type Refused = { ok: false; field: string; message: string };

export type ParsedRunOptions = { ok: true; options: RunOptions } | Refused;

export function parseRunOptions(options: Record<string, unknown>): ParsedRunOptions {
	const result = runOptionsSchema.safeParse(options);
	if (result.success) return { ok: true, options: result.data };
	return { ok: false, ...firstIssue(result.error) };
}

export type ParsedTimeout = { ok: true; timeoutMs: number } | Refused;

/** One item's Options → Timeout, by the same rules as every other option. */
export function parseItemTimeout(options: Record<string, unknown>): ParsedTimeout {
	const result = itemTimeoutSchema.safeParse(options ?? {});
	if (result.success) return { ok: true, timeoutMs: result.data.timeout };
	return { ok: false, ...firstIssue(result.error) };
}

export type ParsedWaitLimit = { ok: true; minutes: number } | Refused;

/** Call and Wait for Result's Time Limit (Minutes), a node parameter beside the Options. */
export function parseWaitTimeLimit(minutes: unknown): ParsedWaitLimit {
	const result = waitTimeLimitSchema.safeParse(minutes);
	if (result.success) return { ok: true, minutes: result.data };
	return { ok: false, field: 'waitTimeLimit', message: result.error.issues[0].message };
}

function firstIssue(error: z.ZodError): { field: string; message: string } {
	const [issue] = error.issues;
	return { field: ['options', ...issue.path].join('.'), message: issue.message };
}
