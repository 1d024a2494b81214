import { z } from 'zod/v3';

import { optionDefault } from './properties';

/**
 * The Options collection, read once per node run (at item 0) and checked here: how a run sends its calls.
 * Timeout is the one option read per item (see prepareCall), as it always was.
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
const count = (name: string, min: number, max: number, unit: string) =>
	z
		.unknown()
		.transform((value) =>
			value === undefined || value === null || value === '' ? optionDefault(name) : value,
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

export type ParsedRunOptions =
	| { ok: true; options: RunOptions }
	| { ok: false; field: string; message: string };

export function parseRunOptions(options: Record<string, unknown>): ParsedRunOptions {
	const result = runOptionsSchema.safeParse(options);
	if (result.success) return { ok: true, options: result.data };
	const [issue] = result.error.issues;
	return { ok: false, field: `options.${issue.path.join('.')}`, message: issue.message };
}
