import type { FieldSpec } from './fieldSpec';

/** The fields of the invoice endpoints (spec §3.1-3.3). */

export const INVOICE_NUMBER: FieldSpec = {
	name: 'number',
	displayName: 'Invoice Number',
	description: 'The number or identifier of the invoice, up to 255 characters',
	kind: 'text',
	placeholder: 'e.g. INV-2025-0042',
};

export const INVOICE_DATE: FieldSpec = {
	name: 'date',
	displayName: 'Invoice Date',
	description: 'The day the invoice was issued (today or earlier), sent as YYYY-MM-DD',
	kind: 'date',
};

export const DUE_DATE: FieldSpec = {
	name: 'dueDate',
	displayName: 'Due Date',
	description: 'The day payment is due, sent as YYYY-MM-DD',
	kind: 'date',
};

export const TOTAL: FieldSpec = {
	name: 'total',
	displayName: 'Total',
	description: 'The total amount of the invoice, 0 or more',
	kind: 'amount',
	min: 0,
};

export const OUTSTANDING_AMOUNT: FieldSpec = {
	name: 'outstandingAmount',
	displayName: 'Outstanding Amount',
	description: 'The amount still unpaid (only Create or Update sets it)',
	kind: 'amount',
};

/** contactUuid inside Update Fields, where it is a plain UUID field. */
export const CONTACT_UUID: FieldSpec = {
	name: 'contactUuid',
	displayName: 'Contact UUID',
	description: 'The UUID of the contact to attach the invoice to',
	kind: 'uuid',
};

/** What Create, Update and Create or Update take beside their required fields. */
export const INVOICE_DETAILS: FieldSpec[] = [
	{ name: 'reference', displayName: 'Reference', description: 'A reference number', kind: 'text' },
	{ name: 'notes', displayName: 'Notes', description: 'Notes on the invoice', kind: 'text' },
	{
		name: 'description',
		displayName: 'Description',
		description: 'A description of the invoice',
		kind: 'text',
	},
	{
		name: 'remindersEnabled',
		displayName: 'Reminders Enabled',
		description: 'Whether Levers sends reminders for this invoice (Levers default: on)',
		kind: 'flag',
		default: true,
	},
	{
		name: 'purchaseOrder',
		displayName: 'Purchase Order',
		description: 'The purchase-order number',
		kind: 'text',
	},
	{
		name: 'customFields',
		displayName: 'Custom Fields',
		description:
			'A JSON list, sent as it is: Levers does not document the shape of its items, e.g. [{"name": "branch", "value": "Riyadh"}]',
		kind: 'jsonList',
	},
	{
		name: 'extPlatformId',
		displayName: 'External Platform ID',
		description: 'The id of the invoice in your own system, e.g. your accounting platform',
		kind: 'text',
	},
];

export const INVOICE_STATUS_OPTIONS = [
	{ name: 'Paid', value: 'PAID' },
	{ name: 'Unpaid', value: 'UNPAID' },
];
