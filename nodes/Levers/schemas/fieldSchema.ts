import { z } from 'zod/v3';

import { email, phoneNumber, text, uuid } from '../../shared/schema';
import type { FieldSpec } from '../fields/fieldSpec';
import { amount, day, flag, jsonList, oneOf } from './values';

/** The zod rule of one field (fields/fieldSpec.ts): the one place its value is checked. */
export function ruleOf(spec: FieldSpec): z.ZodTypeAny {
	const { kind } = spec;
	if (typeof kind === 'object') return oneOf(...kind.options.map((option) => String(option.value)));
	const rules: Record<typeof kind, z.ZodTypeAny> = {
		text: text(255),
		phone: phoneNumber,
		email,
		uuid,
		date: day,
		amount: amount(spec.min),
		flag,
		jsonList,
	};
	return rules[kind];
}

/** The rules of a list of fields, by name, in the order they go on the wire. */
export function rulesOf(specs: FieldSpec[]): Record<string, z.ZodTypeAny> {
	return Object.fromEntries(specs.map((spec) => [spec.name, ruleOf(spec)]));
}
