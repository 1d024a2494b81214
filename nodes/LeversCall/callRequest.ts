import { z } from 'zod/v3';

import {
	email,
	keyValueObject,
	kindOf,
	matching,
	notE164,
	optionalText,
	refuse,
	show,
	toE164,
	toParsed,
	uuid,
	UUID,
	withoutEmpty,
} from '../shared/schema';
import type { KeyValueInput, Parsed } from '../shared/schema';

export type { InputProblem, KeyValueInput, Parsed } from '../shared/schema';

/**
 * The one place where call input is checked: an item's resolved parameters in, the request body out.
 * Its output type is the wire contract of POST /ai/phone-calls/action/call.
 */

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

const LOCAL_NUMBER = /^\d{4,15}$/;

/** Rules that depend on the run rather than the item: the allow-list, and local numbers in bulk. */
export interface CallPolicy {
	/** E.164 prefixes a number must start with; empty allows every number. */
	allowedPrefixes: string[];
	/** A bulk run with a countryCode: Levers parses local numbers itself. */
	acceptLocalNumbers?: boolean;
}

const phoneNumber = (policy: CallPolicy) =>
	optionalText.transform((value, ctx) => {
		if (value === undefined)
			return refuse(ctx, 'is empty — enter the number to dial, e.g. +96612341234');
		const { digits, valid } = toE164(value);
		const local = policy.acceptLocalNumbers === true && LOCAL_NUMBER.test(digits);
		if (!valid && !local) {
			const format = policy.acceptLocalNumbers
				? 'a local number of the Country Code, or E.164: "+" then 8 to 15 digits'
				: undefined;
			return refuse(ctx, notE164(value, digits, format));
		}
		const { allowedPrefixes } = policy;
		if (
			allowedPrefixes.length > 0 &&
			!allowedPrefixes.some((prefix) => digits.startsWith(prefix))
		) {
			const why = local ? 'a local number cannot be checked against' : 'it is outside';
			return refuse(
				ctx,
				`${show(value)} is not allowed: ${why} Allowed Number Prefixes (${allowedPrefixes.join(', ')}) — this node only calls numbers starting with one of them`,
			);
		}
		return digits;
	});

const updateExisting = z
	.boolean({ invalid_type_error: 'must be true or false' })
	.optional()
	// false is the API's default, so it is left out like any other empty field.
	.transform((value) => (value === true ? true : undefined));

const tagValue = z.unknown().transform((value, ctx) => {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return refuse(
		ctx,
		`must be text, got ${kindOf(value)} — Levers only supports text in prompt tags`,
	);
});

const nonEmpty = <T extends Record<string, unknown>>(value: T) =>
	Object.keys(value).length > 0 ? value : undefined;

const metadata = keyValueObject.pipe(z.record(z.unknown())).transform(nonEmpty);
const promptTags = keyValueObject.pipe(z.record(tagValue)).transform(nonEmpty);

/**
 * Every field of a call, checked once: the single call takes them all, a bulk contact takes the ones the bulk
 * endpoint documents per contact. The order is the order of the fields on the wire, as in the documented examples.
 */
function callFields(policy: CallPolicy) {
	return {
		numberToCall: phoneNumber(policy),
		firstName: optionalText,
		lastName: optionalText,
		email,
		contactUuid: uuid,
		aiSettingsTemplateId,
		updateExisting,
		metadata,
		promptTags,
	};
}

const aiSettingsTemplateId = matching(
	UUID,
	'is not a UUID: copy the template ID from the Levers app',
);

/** Leaves out what is not sent (empty fields), keeping the order; the number is always there. */
const withoutEmptyFields = <T extends Record<string, unknown>>(body: T) =>
	withoutEmpty(body) as Partial<T> & { numberToCall: string };

const callRequestSchema = (policy: CallPolicy) =>
	z.object(callFields(policy)).transform(withoutEmptyFields);

const bulkContactSchema = (policy: CallPolicy) =>
	z
		.object(callFields(policy))
		.pick({ numberToCall: true, firstName: true, lastName: true, metadata: true, promptTags: true })
		.transform(withoutEmptyFields);

export type CallRequestBody = z.output<ReturnType<typeof callRequestSchema>>;
export type BulkContact = z.output<ReturnType<typeof bulkContactSchema>>;

/** A checker for the items of one run: parameters in, the request body (or what is wrong) out. */
export function callRequestParser(policy: CallPolicy) {
	const schema = callRequestSchema(policy);
	return (parameters: CallParameters): Parsed<CallRequestBody> =>
		toParsed(schema.safeParse(parameters));
}

export function bulkContactParser(policy: CallPolicy) {
	const schema = bulkContactSchema(policy);
	return (parameters: CallParameters): Parsed<BulkContact> =>
		toParsed(schema.safeParse(parameters));
}

/** The settings a bulk run shares across all its contacts (§4f of the API notes). */
export interface BulkSettingsInput {
	aiSettingsTemplateId?: unknown;
	updateExisting?: unknown;
	countryCode?: unknown;
	batchSize?: unknown;
	contactsPerRequest?: unknown;
}

const countryCode = optionalText.superRefine((value, ctx) => {
	if (typeof value === 'string' && !COUNTRY_CODES.has(value.toUpperCase())) {
		ctx.addIssue({
			code: 'custom',
			message: `${show(value)} is not an ISO 3166-1 alpha-2 country code, e.g. SA or US`,
		});
	}
});

const bulkSettingsSchema = z
	.object({
		aiSettingsTemplateId,
		updateExisting,
		// A refused value reaches the transform too (zod goes on after a non-fatal issue): only text is upper-cased.
		countryCode: countryCode.transform((value) =>
			typeof value === 'string' ? value.toUpperCase() : value,
		),
		contactsPerRequest: z
			.unknown()
			.transform((value) => (value === '' || value === null || value === undefined ? 500 : value))
			.pipe(
				z
					.number({ invalid_type_error: 'must be a whole number from 1 to 1000' })
					.int('must be a whole number from 1 to 1000')
					.min(1, 'must be at least 1')
					.max(1000, 'must be at most 1000'),
			),
		batchSize: z
			.unknown()
			.transform((value) => (value === '' || value === null ? undefined : value))
			.pipe(
				z
					.number({ invalid_type_error: 'must be a whole number from 10 to 1000' })
					.int('must be a whole number from 10 to 1000')
					.min(10, 'must be at least 10 (Levers accepts 10 to 1000)')
					.max(1000, 'must be at most 1000 (Levers accepts 10 to 1000)')
					.optional(),
			),
	})
	.transform(({ contactsPerRequest, ...shared }) => ({
		contactsPerRequest,
		// What every bulk request carries beside its contacts, empty ones left out.
		shared: Object.fromEntries(Object.entries(shared).filter(([, value]) => value !== undefined)),
	}));

export type BulkSettings = z.output<typeof bulkSettingsSchema>;

export function parseBulkSettings(input: BulkSettingsInput): Parsed<BulkSettings> {
	return toParsed(bulkSettingsSchema.safeParse(input));
}

/** ISO 3166-1 alpha-2, all 249 officially assigned codes. */
const COUNTRY_CODES = new Set(
	(
		'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
		'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
		'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
		'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
		'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
		'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
		'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
		'VG VI VN VU WF WS YE YT ZA ZM ZW'
	).split(' '),
);
