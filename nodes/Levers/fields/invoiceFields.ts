import { amountField, dayField, option, textField } from './fieldSpec';
import type { FieldSpec } from './fieldSpec';

/** The fields of the invoice endpoints (spec §3.1-3.3). */

export const INVOICE_NUMBER: FieldSpec = {
	name: 'number',
	displayName: 'Invoice Number',
	description: 'The number or identifier of the invoice, up to 255 characters',
	kind: 'text',
	placeholder: 'e.g. INV-2025-0042',
};

export const INVOICE_DATE = dayField(
	'date',
	'Invoice Date',
	'The day the invoice was issued (today or earlier), sent as YYYY-MM-DD',
);

export const DUE_DATE = dayField(
	'dueDate',
	'Due Date',
	'The day payment is due, sent as YYYY-MM-DD',
);

export const TOTAL = amountField('total', 'Total', 'The total amount of the invoice, 0 or more', 0);

export const OUTSTANDING_AMOUNT = amountField(
	'outstandingAmount',
	'Outstanding Amount',
	'The amount still unpaid (only Create or Update sets it)',
);

/** contactUuid inside Update Fields, where it is a plain UUID field. */
export const CONTACT_UUID: FieldSpec = {
	name: 'contactUuid',
	displayName: 'Contact UUID',
	description: 'The UUID of the contact to attach the invoice to',
	kind: 'uuid',
};

/** What Create, Update and Create or Update take beside their required fields. */
export const INVOICE_DETAILS: FieldSpec[] = [
	textField('reference', 'Reference', 'A reference number'),
	textField('notes', 'Notes', 'Notes on the invoice'),
	textField('description', 'Description', 'A description of the invoice'),
	{
		name: 'remindersEnabled',
		displayName: 'Reminders Enabled',
		description: 'Whether Levers sends reminders for this invoice (Levers default: on)',
		kind: 'flag',
		default: true,
	},
	textField('purchaseOrder', 'Purchase Order', 'The purchase-order number'),
	{
		name: 'customFields',
		displayName: 'Custom Fields',
		description:
			'A JSON list, sent as it is: Levers does not document the shape of its items, e.g. [{"name": "branch", "value": "Riyadh"}]',
		kind: 'jsonList',
	},
	textField(
		'extPlatformId',
		'External Platform ID',
		'The id of the invoice in your own system, e.g. your accounting platform',
	),
];

export const INVOICE_STATUS_OPTIONS = [option('PAID', 'Paid'), option('UNPAID', 'Unpaid')];
