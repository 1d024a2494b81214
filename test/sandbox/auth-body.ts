import { stringField, validateFields } from './fastapi-validation.ts';
import type { FieldRule, ValidationIssue } from './fastapi-validation.ts';

/** Body of POST /auth/v1/api-key/auth: camelCase, unlike the snake_case access_token it returns. */
const TOKEN_REQUEST_FIELDS: FieldRule[] = [
	{ name: 'clientId', check: stringField, required: true },
	{ name: 'clientSecret', check: stringField, required: true },
];

export function validateTokenRequestBody(body: unknown): ValidationIssue[] {
	return validateFields(body, TOKEN_REQUEST_FIELDS);
}
