import type { FieldSpec } from './fieldSpec';

/** The fields of the payment endpoints (spec §4.1, §4.2). */

export const PAYMENT_AMOUNT: FieldSpec = {
	name: 'amount',
	displayName: 'Amount',
	description: 'The amount paid',
	kind: 'amount',
};

export const PAYMENT_DATE: FieldSpec = {
	name: 'date',
	displayName: 'Payment Date',
	description: 'The day of the payment, sent as YYYY-MM-DD',
	kind: 'date',
};

/** What both Create and Update take beside amount and date. */
export const PAYMENT_NOTES: FieldSpec[] = [
	{
		name: 'reference',
		displayName: 'Reference',
		description: 'The payment reference',
		kind: 'text',
	},
	{ name: 'notes', displayName: 'Notes', description: 'Notes on the payment', kind: 'text' },
];

/** Only Create takes these; Levers' update schema has no place for them. */
export const PAYMENT_ORIGIN: FieldSpec[] = [
	{
		name: 'paymentType',
		displayName: 'Payment Type',
		description: 'The kind of payment',
		kind: {
			options: [
				{ name: 'Payment', value: 'PAYMENT' },
				{ name: 'Credit Memo', value: 'CREDIT_MEMO' },
				{ name: 'Other Payment', value: 'OTHER_PAYMENT' },
				{ name: 'Journal Entry', value: 'JOURNAL_ENTRY' },
			],
		},
	},
	{
		name: 'extPlatformId',
		displayName: 'External Platform ID',
		description: 'The id of the payment in your own system',
		kind: 'text',
	},
	{
		name: 'extInvoiceId',
		displayName: 'External Invoice ID',
		description: 'The id of the invoice in your own system',
		kind: 'text',
	},
];
