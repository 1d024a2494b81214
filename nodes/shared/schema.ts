import { z } from 'zod/v3';

/**
 * The building blocks of every request schema of both nodes (zod is the one place input is checked): text,
 * E.164 phone numbers, e-mail addresses, UUIDs, key/value lists, and how a parse becomes problems to report.
 */

export interface InputProblem {
	field: string;
	message: string;
}

export type Parsed<T> = { ok: true; body: T } | { ok: false; problems: InputProblem[] };

export function toParsed<T>(result: z.SafeParseReturnType<unknown, T>): Parsed<T> {
	if (result.success) return { ok: true, body: result.data };
	return {
		ok: false,
		problems: result.error.issues.map((issue) => ({
			field: issue.path.join('.'),
			message: issue.message,
		})),
	};
}

export const E164 = /^\+[1-9]\d{7,14}$/;
export const PHONE_PUNCTUATION = /[\s\-.()]/g;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const UUID_HINT = 'is not a UUID, e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524';

/** A value quoted for a message: short, and without raw control characters. */
export function show(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	// JSON escapes the other control characters, not DEL: a message must not carry it raw.
	return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text).replace(
		/\x7f/g,
		'\\u007f',
	);
}

export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Adds one problem and ends the parse of this field. */
export function refuse(ctx: z.RefinementCtx, message: string): never {
	ctx.addIssue({ code: 'custom', message });
	return z.NEVER;
}

/** Text typed in the UI or returned by an expression: numbers count as text, blank means "not sent". */
export const optionalText = z.unknown().transform((value, ctx) => {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return refuse(ctx, `must be text, got ${kindOf(value)}`);
	return value.trim() === '' ? undefined : value.trim();
});

export const matching = (pattern: RegExp, problem: string) =>
	optionalText.superRefine((value, ctx) => {
		if (value !== undefined && !pattern.test(value)) {
			ctx.addIssue({ code: 'custom', message: `${show(value)} ${problem}` });
		}
	});

export const email = matching(EMAIL, 'is not an email address, e.g. john.doe@example.com');

export const uuid = matching(UUID, UUID_HINT);

/** Optional text of at most `max` characters (Levers documents 1 - 255 for its text fields). */
export const text = (max = 255) =>
	optionalText.superRefine((value, ctx) => {
		if (value !== undefined && value.length > max) {
			ctx.addIssue({
				code: 'custom',
				message: `is ${value.length} characters long — Levers accepts at most ${max}`,
			});
		}
	});

/** Turns a missing value into the problem `empty` ("is empty — enter ..."). */
export const required = <T>(
	schema: z.ZodType<T | undefined, z.ZodTypeDef, unknown>,
	empty: string,
) => schema.transform((value, ctx): T => (value === undefined ? refuse(ctx, empty) : value));

/** E.164 with spaces, dashes, dots and parentheses removed; undefined when the number is not E.164. */
export function toE164(value: string): { digits: string; valid: boolean } {
	const digits = value.replace(PHONE_PUNCTUATION, '');
	return { digits, valid: E164.test(digits) };
}

/** Why a number is not E.164, in the words both nodes use. */
export function notE164(value: string, digits: string, format = 'E.164: "+" then 8 to 15 digits') {
	const hint = digits.startsWith('00') ? ' (write the leading 00 as +)' : '';
	return `${show(value)} is not an international phone number — use ${format}, e.g. +96612341234${hint}`;
}

/** An optional phone number, sent in E.164 as Levers Call sends numberToCall. */
export const phoneNumber = optionalText.transform((value, ctx) => {
	if (value === undefined) return undefined;
	const { digits, valid } = toE164(value);
	return valid ? digits : refuse(ctx, notE164(value, digits));
});

/** A name/value list as the UI gives it, or a whole object from JSON mode or an expression. */
export type KeyValueInput = { mode: 'keypair'; pairs: unknown } | { mode: 'json'; json: unknown };

/** Parses JSON typed in a field (or takes the value an expression gave); undefined when blank. */
export function jsonValue(
	value: unknown,
	ctx: z.RefinementCtx,
	expected: string,
	looksLikeJson = /^\s*[{[]/,
): unknown {
	if (typeof value !== 'string') return value ?? undefined;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		// Text such as "crm-42" was never meant as JSON: say what is expected instead.
		if (!looksLikeJson.test(value))
			return refuse(ctx, `must be ${expected}, got the text ${show(value)}`);
		return refuse(ctx, `is not valid JSON (${(error as Error).message})`);
	}
}

/** Turns either input mode into a plain object; rejects empty and repeated names. */
export const keyValueObject = z.unknown().transform((input, ctx): Record<string, unknown> => {
	const { mode, pairs, json } = input as { mode?: string; pairs?: unknown; json?: unknown };
	if (mode === 'json') {
		const value = jsonValue(json, ctx, 'a JSON object of names and values');
		if (value === undefined || value === null) return {};
		if (typeof value !== 'object' || Array.isArray(value)) {
			return refuse(ctx, `must be a JSON object of names and values, got ${kindOf(value)}`);
		}
		const blank = Object.keys(value).find((name) => name.trim() === '');
		if (blank !== undefined) return refuse(ctx, 'has a name that is empty');
		return value as Record<string, unknown>;
	}
	const rows = pairs ?? [];
	if (!Array.isArray(rows))
		return refuse(ctx, `must be a list of name/value rows, got ${kindOf(rows)}`);
	const result: Record<string, unknown> = {};
	for (const [index, row] of rows.entries()) {
		const { name, value } = (row ?? {}) as { name?: unknown; value?: unknown };
		const key = typeof name === 'string' ? name.trim() : '';
		if (key === '')
			return refuse(ctx, `row ${index + 1} has no name — give it one or remove the row`);
		if (key in result) return refuse(ctx, `name ${show(key)} is used twice — names must be unique`);
		result[key] = value ?? '';
	}
	return result;
});

/** Leaves out what is not sent (empty fields), keeping the order. */
export function withoutEmpty<T extends Record<string, unknown>>(body: T): Partial<T> {
	return Object.fromEntries(
		Object.entries(body).filter(([, value]) => value !== undefined),
	) as Partial<T>;
}
