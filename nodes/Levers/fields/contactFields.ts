import { option, textField } from './fieldSpec';
import type { FieldSpec } from './fieldSpec';

/** The fields of POST /contact and PUT /contact (spec §2.1, §2.2), in the documented order. */

const arabic = (name: string, of: string): FieldSpec => ({
	name,
	// "Arabic …" keeps the Arabic variants together in the alphabetical list of fields.
	displayName: `Arabic ${of}`,
	description: `The ${of.toLowerCase()} in Arabic`,
	kind: 'text',
});

const text = textField;

export const CONTACT_NAME: FieldSpec = text(
	'name',
	'Name',
	"The contact's name: a person's display name or a company name, up to 255 characters",
);

/** The fields of a person, shared by the contact and each of its secondary contacts. */
export const PERSON_FIELDS: FieldSpec[] = [
	arabic('nameAr', 'Name'),
	text('firstName', 'First Name', "The contact's first name"),
	arabic('firstNameAr', 'First Name'),
	text('lastName', 'Last Name', "The contact's last name"),
	arabic('lastNameAr', 'Last Name'),
	{
		name: 'phoneNumber',
		displayName: 'Phone Number',
		description:
			'In international E.164 format, e.g. +96612341234; spaces, dashes, dots and parentheses are removed',
		kind: 'phone',
	},
	text('vatNumber', 'VAT Number', "The contact's VAT registration number"),
	{
		name: 'email',
		displayName: 'Email',
		description: "The contact's email address",
		kind: 'email',
	},
	text('building', 'Building', 'Building name or address line'),
	arabic('buildingAr', 'Building'),
	text('street', 'Street', 'Street of the address'),
	arabic('streetAr', 'Street'),
	text('district', 'District', 'District of the address'),
	arabic('districtAr', 'District'),
	text('city', 'City', 'City of the address'),
	arabic('cityAr', 'City'),
	text('country', 'Country', 'Country of the address'),
	arabic('countryAr', 'Country'),
	text('postalCode', 'Postal Code', 'Postal code of the address'),
	text(
		'additionalNumber',
		'Additional Number',
		'The additional number of a Saudi national address',
	),
	text('otherId', 'Other ID', 'Another identifier of the contact'),
	text('bankName', 'Bank Name', "Name of the contact's bank"),
	text('bankContactName', 'Bank Contact Name', 'Name of the account holder at the bank'),
	text('iban', 'IBAN', "The contact's IBAN, for bank transfers"),
	text('accountNumber', 'Account Number', "The contact's bank account number"),
];

/** The contact's own fields after the person fields, in the documented order. */
export const CONTACT_SETTINGS: FieldSpec[] = [
	{
		name: 'emailTone',
		displayName: 'Email Tone',
		description: 'The tone of the reminder emails Levers sends the contact',
		kind: {
			options: [
				option('FRIENDLY', 'Friendly'),
				option('NEUTRAL', 'Neutral'),
				option('REALESTATE', 'Real Estate'),
			],
		},
	},
	{
		name: 'sendEmailNotif',
		displayName: 'Send Email Notifications',
		description: 'Whether Levers sends the contact email notifications',
		kind: 'flag',
	},
	{
		name: 'sendEmailNotifLang',
		displayName: 'Email Notification Language',
		description: 'The language of the email notifications',
		kind: {
			options: [
				option('ENGLISH', 'English'),
				option('ARABIC', 'Arabic'),
				option('ENGLISH_ARABIC', 'English and Arabic'),
			],
		},
	},
	{
		name: 'sendSmsNotif',
		displayName: 'Send SMS Notifications',
		description: 'Whether Levers sends the contact SMS notifications',
		kind: 'flag',
	},
	{
		name: 'sendSmsNotifLang',
		displayName: 'SMS Notification Language',
		description: 'The language of the SMS notifications',
		kind: { options: [option('ENGLISH', 'English'), option('ARABIC', 'Arabic')] },
	},
	{
		name: 'remindersEnabled',
		displayName: 'Reminders Enabled',
		description: 'Whether Levers sends the contact payment reminders (Levers default: on)',
		kind: 'flag',
		default: true,
	},
	text(
		'extPlatformId',
		'External Platform ID',
		'The id of the contact in your own system, e.g. your CRM',
	),
	text('extCompanyId', 'External Company ID', 'The id of the contact company in your own system'),
	{
		name: 'customFields',
		displayName: 'Custom Fields',
		description:
			'A JSON list, sent as it is: Levers does not document the shape of its items, e.g. [{"name": "segment", "value": "B2B"}]',
		kind: 'jsonList',
	},
	{
		name: 'gender',
		displayName: 'Gender',
		description: "The contact's gender",
		kind: { options: [option('male', 'Male'), option('female', 'Female')] },
	},
	{
		name: 'role',
		displayName: 'Role',
		description: 'Whether this is a primary or a secondary contact',
		kind: { options: [option('PRIMARY', 'Primary'), option('SECONDARY', 'Secondary')] },
	},
];
