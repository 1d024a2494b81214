/**
 * Request bodies of the contact, invoice and payment endpoints (spec levers-resources.md), checked as pydantic
 * would check them, but strictly: a number sent as text or a date with a time is refused, so the tests see
 * when the node sends a field with the wrong type. Extra fields are ignored, as pydantic does by default.
 */
import {
	booleanField,
	listField,
	modelField,
	uuidField,
	validateFields,
} from './fastapi-validation.ts';
import type { FieldCheck, FieldRule, ValidationIssue } from './fastapi-validation.ts';

const issue = (loc: Array<string | number>, msg: string, type: string): ValidationIssue => ({
	loc,
	msg,
	type,
});

/** str with min_length 1 and max_length 255, as the documented `1 - 255`. */
const text: FieldCheck = (value, loc) => {
	if (typeof value !== 'string')
		return [issue(loc, 'Input should be a valid string', 'string_type')];
	if (value.length < 1)
		return [issue(loc, 'String should have at least 1 character', 'string_too_short')];
	if (value.length > 255)
		return [issue(loc, 'String should have at most 255 characters', 'string_too_long')];
	return [];
};

const emailField: FieldCheck = (value, loc) => {
	const problems = text(value, loc);
	if (problems.length > 0) return problems;
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value as string)
		? []
		: [issue(loc, 'value is not a valid email address', 'value_error')];
};

/** date: YYYY-MM-DD, a real calendar day. */
const dateField: FieldCheck = (value, loc) => {
	const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
	const day = match && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
	if (!match || !day || day.toISOString().slice(0, 10) !== value) {
		return [issue(loc, 'Input should be a valid date in the format YYYY-MM-DD', 'date_parsing')];
	}
	return [];
};

/** float; `min` as pydantic's ge. */
const numberField =
	(min?: number): FieldCheck =>
	(value, loc) => {
		if (typeof value !== 'number' || !Number.isFinite(value))
			return [issue(loc, 'Input should be a valid number', 'float_type')];
		if (min !== undefined && value < min)
			return [issue(loc, `Input should be greater than or equal to ${min}`, 'greater_than_equal')];
		return [];
	};

const enumField =
	(...values: string[]): FieldCheck =>
	(value, loc) => {
		if (typeof value === 'string' && values.includes(value)) return [];
		const listed = values.map((entry) => `'${entry}'`);
		const words = `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
		return [issue(loc, `Input should be ${words}`, 'enum')];
	};

const anyList: FieldCheck = listField(() => []);

const textRules = (names: string[]): FieldRule[] => names.map((name) => ({ name, check: text }));

/** The text fields of a contact and of each of its secondary contacts, in the documented order. */
const PERSON_TEXT = [
	'name',
	'nameAr',
	'firstName',
	'firstNameAr',
	'lastName',
	'lastNameAr',
	'vatNumber',
	'building',
	'buildingAr',
	'street',
	'streetAr',
	'district',
	'districtAr',
	'city',
	'cityAr',
	'country',
	'countryAr',
	'postalCode',
	'additionalNumber',
	'otherId',
	'bankName',
	'bankContactName',
	'iban',
	'accountNumber',
];

const PERSON_FIELDS: FieldRule[] = [
	...textRules(PERSON_TEXT),
	{ name: 'phoneNumber', check: text },
	{ name: 'email', check: emailField },
];

const CONTACT_FIELDS: FieldRule[] = [
	...PERSON_FIELDS,
	...textRules(['extPlatformId', 'extCompanyId']),
	{ name: 'emailTone', check: enumField('FRIENDLY', 'NEUTRAL', 'REALESTATE') },
	{ name: 'sendEmailNotif', check: booleanField },
	{ name: 'sendEmailNotifLang', check: enumField('ENGLISH', 'ARABIC', 'ENGLISH_ARABIC') },
	{ name: 'sendSmsNotif', check: booleanField },
	{ name: 'sendSmsNotifLang', check: enumField('ENGLISH', 'ARABIC') },
	{ name: 'remindersEnabled', check: booleanField },
	{ name: 'secondaryContacts', check: listField(modelField(PERSON_FIELDS)) },
	{ name: 'customFields', check: anyList },
	{ name: 'gender', check: enumField('male', 'female') },
	{ name: 'role', check: enumField('PRIMARY', 'SECONDARY') },
];

const withRequired = (rules: FieldRule[], names: string[]): FieldRule[] =>
	rules.map((rule) => (names.includes(rule.name) ? { ...rule, required: true } : rule));

const INVOICE_FIELDS: FieldRule[] = [
	{ name: 'number', check: text },
	{ name: 'date', check: dateField },
	{ name: 'dueDate', check: dateField },
	{ name: 'total', check: numberField(0) },
	{ name: 'contactUuid', check: uuidField },
	...textRules(['reference', 'notes', 'description', 'purchaseOrder', 'extPlatformId']),
	{ name: 'remindersEnabled', check: booleanField },
	{ name: 'customFields', check: anyList },
];

const INVOICE_REQUIRED = ['number', 'date', 'dueDate', 'total', 'contactUuid'];

const PAYMENT_UPDATE_FIELDS: FieldRule[] = [
	{ name: 'amount', check: numberField() },
	{ name: 'date', check: dateField },
	...textRules(['reference', 'notes']),
];

const PAYMENT_FIELDS: FieldRule[] = [
	...withRequired(PAYMENT_UPDATE_FIELDS, ['amount', 'date']),
	{
		name: 'paymentType',
		check: enumField('PAYMENT', 'CREDIT_MEMO', 'OTHER_PAYMENT', 'JOURNAL_ENTRY'),
	},
	...textRules(['extPlatformId', 'extInvoiceId']),
];

/** The schema of each write, by "METHOD path pattern". */
export const BODY_RULES: Record<string, FieldRule[]> = {
	'POST /contact': withRequired(CONTACT_FIELDS, ['name']),
	'PUT /contact': [{ name: 'uuid', check: uuidField, required: true }, ...CONTACT_FIELDS],
	'POST /invoice': withRequired(INVOICE_FIELDS, INVOICE_REQUIRED),
	'PUT /invoice': [{ name: 'uuid', check: uuidField, required: true }, ...INVOICE_FIELDS],
	'POST /invoice/create-update': [
		{ name: 'uuid', check: uuidField },
		...withRequired(INVOICE_FIELDS, INVOICE_REQUIRED),
		{ name: 'outstandingAmount', check: numberField(), required: true },
	],
	'PATCH /invoice/status': [
		{ name: 'status', check: enumField('UNPAID', 'PAID'), required: true },
		{ name: 'uuid', check: listField(uuidField), required: true },
	],
	'POST /invoice/{uuid}/payment': PAYMENT_FIELDS,
	'PUT /invoice/payment/{uuid}': PAYMENT_UPDATE_FIELDS,
};

export function validateResourceBody(route: string, body: unknown): ValidationIssue[] {
	return validateFields(body, BODY_RULES[route] ?? []);
}
