import { z } from 'zod/v3';

import { kindOf, optionalText, refuse, show, UUID, UUID_HINT } from '../../shared/schema';

/**
 * The value types of contact, invoice and payment fields beyond the shared text rules: dates, amounts,
 * flags, documented enums, JSON lists and UUID lists. Each leaves an empty value out of the request.
 */

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;

/** The date part as written, from a date field, an ISO text, a JS Date or a Luxon DateTime. */
function dateText(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	const luxon = value as { toISODate?: () => string | null };
	if (typeof luxon?.toISODate === 'function') return luxon.toISODate() ?? undefined;
	return typeof value === 'string' ? value.trim() : undefined;
}

/** A calendar day, sent as YYYY-MM-DD (Levers' `string<date>`). */
export const day = z.unknown().transform((value, ctx) => {
	if (isBlank(value)) return undefined;
	const match = DAY.exec(dateText(value) ?? '');
	const [, year, month, date] = match ?? [];
	const parsed = match && new Date(Date.UTC(Number(year), Number(month) - 1, Number(date)));
	const text = `${year}-${month}-${date}`;
	if (!parsed || parsed.toISOString().slice(0, 10) !== text) {
		return refuse(ctx, `${show(value)} is not a date — use YYYY-MM-DD, e.g. 2025-01-31`);
	}
	return text;
});

const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

/** An amount, sent as a JSON number; text of digits (a spreadsheet cell) is read as the number it shows. */
export const amount = (min?: number) =>
	z.unknown().transform((value, ctx) => {
		if (isBlank(value)) return undefined;
		const number = typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number)) {
			return refuse(
				ctx,
				`must be a number, got ${typeof value === 'string' ? show(value) : kindOf(value)}`,
			);
		}
		if (min !== undefined && number < min)
			return refuse(ctx, `is ${number} — it cannot be below ${min}`);
		return number;
	});

/** true or false, as a boolean field or an expression gives it. */
export const flag = z.unknown().transform((value, ctx) => {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'boolean' ? value : refuse(ctx, 'must be true or false');
});

/** One of the documented values; any letter case is read as the documented spelling. */
export const oneOf = (...values: string[]) =>
	optionalText.transform((value, ctx) => {
		if (value === undefined) return undefined;
		const known = values.find((entry) => entry.toLowerCase() === value.toLowerCase());
		return known ?? refuse(ctx, `${show(value)} is not one of ${values.join(', ')}`);
	});

/** JSON typed in a field, or a list an expression gives: Levers documents customFields as a list. */
export const jsonList = z.unknown().transform((value, ctx) => {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return refuse(ctx, `is not valid JSON (${(error as Error).message})`);
		}
	}
	if (parsed === undefined || parsed === null) return undefined;
	if (!Array.isArray(parsed)) {
		return refuse(
			ctx,
			`must be a JSON list, e.g. [{"name": "segment", "value": "B2B"}], got ${kindOf(parsed)}`,
		);
	}
	// An empty list is an empty field: not sent.
	return parsed.length > 0 ? (parsed as unknown[]) : undefined;
});

/** UUIDs separated by commas, spaces or new lines, or a list from an expression; each sent once. */
export const uuidList = (empty: string) =>
	z.unknown().transform((value, ctx) => {
		const entries = Array.isArray(value)
			? value
			: typeof value === 'string'
				? value.split(/[\s,;]+/).filter((entry) => entry !== '')
				: isBlank(value)
					? []
					: refuse(ctx, `must be UUIDs separated by commas, or a list, got ${kindOf(value)}`);
		if (entries.length === 0) return refuse(ctx, empty);
		const bad = entries.find((entry) => typeof entry !== 'string' || !UUID.test(entry.trim()));
		if (bad !== undefined) return refuse(ctx, `${show(bad)} ${UUID_HINT}`);
		return [...new Set(entries.map((entry) => (entry as string).trim()))];
	});
