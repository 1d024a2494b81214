import {
	booleanField,
	objectField,
	stringField,
	stringRecordField,
	uuidField,
	validateFields,
} from './fastapi-validation.ts';
import type { FieldRule, ValidationIssue } from './fastapi-validation.ts';

/** Documented fields of POST /api-service/v1/ai/phone-calls/action/call; extra fields are ignored. */
export const CALL_FIELDS: FieldRule[] = [
	{ name: 'numberToCall', check: stringField, required: true },
	{ name: 'firstName', check: stringField },
	{ name: 'lastName', check: stringField },
	{ name: 'email', check: stringField },
	{ name: 'contactUuid', check: uuidField },
	{ name: 'aiSettingsTemplateId', check: uuidField },
	{ name: 'metadata', check: objectField },
	{ name: 'promptTags', check: stringRecordField },
	{ name: 'updateExisting', check: booleanField },
];

export function validateCallBody(body: unknown): ValidationIssue[] {
	return validateFields(body, CALL_FIELDS);
}
