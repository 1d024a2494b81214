import { amountField, dayField, option, textField } from './fieldSpec';
import type { FieldSpec } from './fieldSpec';

/** The fields of the payment endpoints (spec §4.1, §4.2). */

export const PAYMENT_AMOUNT = amountField('amount', 'Amount', 'The amount paid');

export const PAYMENT_DATE = dayField(
	'date',
	'Payment Date',
	'The day of the payment, sent as YYYY-MM-DD',
);

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
				option('PAYMENT', 'Payment'),
				option('CREDIT_MEMO', 'Credit Memo'),
				option('OTHER_PAYMENT', 'Other Payment'),
				option('JOURNAL_ENTRY', 'Journal Entry'),
			],
		},
	},
	textField('extPlatformId', 'External Platform ID', 'The id of the payment in your own system'),
	textField('extInvoiceId', 'External Invoice ID', 'The id of the invoice in your own system'),
];
