import { z } from 'zod';

/**
 * The one place where call input is checked: an item's resolved parameters in, the request body out.
 * Its output type is the wire contract of POST /ai/phone-calls/action/call.
 */

/** A name/value list as the UI gives it, or a whole object from JSON mode or an expression. */
export type KeyValueInput = { mode: 'keypair'; pairs: unknown } | { mode: 'json'; json: unknown };

/** One item's parameters, resolved by n8n but not yet checked. */
export interface CallParameters {
	numberToCall: unknown;
	firstName?: unknown;
	lastName?: unknown;
	email?: unknown;
	contactUuid?: unknown;
	aiSettingsTemplateId?: unknown;
	updateExisting?: unknown;
	metadata: KeyValueInput;
	promptTags: KeyValueInput;
}

export interface InputProblem {
	field: string;
	message: string;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const PHONE_PUNCTUATION = /[\s\-.()]/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function show(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Text typed in the UI or returned by an expression: numbers count as text, blank means "not sent". */
const optionalText = z.unknown().transform((value, ctx) => {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		ctx.addIssue({ code: 'custom', message: `must be text, got ${kindOf(value)}` });
		return z.NEVER;
	}
	return value.trim() === '' ? undefined : value.trim();
});

const matching = (pattern: RegExp, problem: string) =>
	optionalText.superRefine((value, ctx) => {
		if (value !== undefined && !pattern.test(value)) {
			ctx.addIssue({ code: 'custom', message: `${show(value)} ${problem}` });
		}
	});

const phoneNumber = optionalText.transform((value, ctx) => {
	if (value === undefined) {
		ctx.addIssue({
			code: 'custom',
			message: 'is empty — enter the number to dial, e.g. +96612341234',
		});
		return z.NEVER;
	}
	const digits = value.replace(PHONE_PUNCTUATION, '');
	if (!E164.test(digits)) {
		const hint = digits.startsWith('00') ? ' (write the leading 00 as +)' : '';
		ctx.addIssue({
			code: 'custom',
			message: `${show(value)} is not an international phone number — use E.164: "+" then 8 to 15 digits, e.g. +96612341234${hint}`,
		});
		return z.NEVER;
	}
	return digits;
});

const updateExisting = z
	.boolean({ invalid_type_error: 'must be true or false' })
	.optional()
	// false is the API's default, so it is left out like any other empty field.
	.transform((value) => (value === true ? true : undefined));

/** Turns either input mode into a plain object; rejects empty and repeated names. */
const keyValueObject = z.unknown().transform((input, ctx): Record<string, unknown> => {
	const problem = (message: string) => {
		ctx.addIssue({ code: 'custom', message });
		return z.NEVER;
	};
	const { mode, pairs, json } = input as { mode?: string; pairs?: unknown; json?: unknown };
	if (mode === 'json') {
		let value = json;
		if (typeof value === 'string') {
			if (value.trim() === '') return {};
			try {
				value = JSON.parse(value);
			} catch (error) {
				return problem(`is not valid JSON (${(error as Error).message})`);
			}
		}
		if (value === undefined || value === null) return {};
		if (typeof value !== 'object' || Array.isArray(value)) {
			return problem(`must be a JSON object of names and values, got ${kindOf(value)}`);
		}
		const blank = Object.keys(value).find((name) => name.trim() === '');
		if (blank !== undefined) return problem('has a name that is empty');
		return value as Record<string, unknown>;
	}
	const rows = pairs ?? [];
	if (!Array.isArray(rows))
		return problem(`must be a list of name/value rows, got ${kindOf(rows)}`);
	const result: Record<string, unknown> = {};
	for (const [index, row] of rows.entries()) {
		const { name, value } = (row ?? {}) as { name?: unknown; value?: unknown };
		const key = typeof name === 'string' ? name.trim() : '';
		if (key === '') return problem(`row ${index + 1} has no name — give it one or remove the row`);
		if (key in result) return problem(`name ${show(key)} is used twice — names must be unique`);
		result[key] = value ?? '';
	}
	return result;
});

const tagValue = z.unknown().transform((value, ctx) => {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	ctx.addIssue({
		code: 'custom',
		message: `must be text, got ${kindOf(value)} — Levers only supports text in prompt tags`,
	});
	return z.NEVER;
});

const nonEmpty = <T extends Record<string, unknown>>(value: T) =>
	Object.keys(value).length > 0 ? value : undefined;

const metadata = keyValueObject.pipe(z.record(z.unknown())).transform(nonEmpty);
const promptTags = keyValueObject.pipe(z.record(tagValue)).transform(nonEmpty);

// The shape's order is the order of the fields on the wire, as in the documented examples.
const callRequestSchema = z
	.object({
		numberToCall: phoneNumber,
		firstName: optionalText,
		lastName: optionalText,
		email: matching(EMAIL, 'is not an email address, e.g. john.doe@example.com'),
		contactUuid: matching(UUID, 'is not a UUID, e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524'),
		aiSettingsTemplateId: matching(UUID, 'is not a UUID: copy the template ID from the Levers app'),
		updateExisting,
		metadata,
		promptTags,
	})
	.transform(
		(body) =>
			Object.fromEntries(
				Object.entries(body).filter(([, value]) => value !== undefined),
			) as Partial<typeof body> & { numberToCall: string },
	);

export type CallRequestBody = z.output<typeof callRequestSchema>;

export type ParsedCallRequest =
	| { ok: true; body: CallRequestBody }
	| { ok: false; problems: InputProblem[] };

export function parseCallRequest(parameters: CallParameters): ParsedCallRequest {
	const result = callRequestSchema.safeParse(parameters);
	if (result.success) return { ok: true, body: result.data };
	return {
		ok: false,
		problems: result.error.issues.map((issue) => ({
			field: issue.path.join('.'),
			message: issue.message,
		})),
	};
}
