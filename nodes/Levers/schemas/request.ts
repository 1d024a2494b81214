import type { z } from 'zod/v3';
import type { IExecuteFunctions } from 'n8n-workflow';

import { toParsed } from '../../shared/schema';
import type { Parsed } from '../../shared/schema';

/** An item's parameters as n8n resolves them: the named ones, plus a collection's fields beside them. */
export function readItem(
	context: IExecuteFunctions,
	itemIndex: number,
	names: string[],
	collection?: 'additionalFields' | 'updateFields',
): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const name of names) {
		// extractValue: a resource locator gives its value (the UUID), whichever mode it is in.
		values[name] = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	}
	if (collection) Object.assign(values, context.getNodeParameter(collection, itemIndex, {}));
	return values;
}

/** Checks an item's parameters with an operation's schema. */
export function check<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, values: unknown): Parsed<T> {
	return toParsed(schema.safeParse(values));
}

/** Update needs something to change beside the record's id (`ids` keys of the body); Update Fields is what to fill. */
export function somethingToChange(body: object, ctx: z.RefinementCtx, ids = 0): void {
	if (Object.keys(body).length > ids) return;
	ctx.addIssue({
		code: 'custom',
		path: ['updateFields'],
		message: 'is empty — add at least one field to change',
	});
}
