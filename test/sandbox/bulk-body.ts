import { CALL_FIELDS } from './call-body.ts';
import {
	booleanField,
	integerField,
	listField,
	modelField,
	stringField,
	uuidField,
	validateFields,
} from './fastapi-validation.ts';
import type { FieldRule, ValidationIssue } from './fastapi-validation.ts';

/** One entry of contacts[] (spec §4f): a single call's rules, without the fields not documented per contact. */
const CONTACT_FIELD_NAMES = ['numberToCall', 'firstName', 'lastName', 'metadata', 'promptTags'];
const CONTACT_FIELDS = CALL_FIELDS.filter((rule) => CONTACT_FIELD_NAMES.includes(rule.name));

/** Documented fields of POST /api-service/v1/ai/phone-calls/action/call-bulk; extra fields are ignored. */
const BULK_FIELDS: FieldRule[] = [
	{ name: 'contacts', check: listField(modelField(CONTACT_FIELDS)), required: true },
	{ name: 'aiSettingsTemplateId', check: uuidField },
	{ name: 'updateExisting', check: booleanField },
	{ name: 'countryCode', check: stringField },
	{ name: 'batchSize', check: integerField(10, 1000) },
];

export function validateBulkBody(body: unknown): ValidationIssue[] {
	return validateFields(body, BULK_FIELDS);
}
