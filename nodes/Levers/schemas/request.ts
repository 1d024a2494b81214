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

/** Update needs something to change: the collection's name is the field a person must fill. */
export const SOMETHING_TO_CHANGE = {
	field: 'updateFields',
	message: 'is empty — add at least one field to change',
};
