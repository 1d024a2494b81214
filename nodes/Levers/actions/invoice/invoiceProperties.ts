import type { INodeProperties } from 'n8n-workflow';

import { collectionOf, toProperty } from '../../fields/fieldSpec';
import {
	CONTACT_UUID,
	DUE_DATE,
	INVOICE_DATE,
	INVOICE_DETAILS,
	INVOICE_NUMBER,
	TOTAL,
} from '../../fields/invoiceFields';
import { contactLocator } from '../../fields/locators';

export const INVOICE_REQUIRED = ['number', 'date', 'dueDate', 'total', 'contactUuid'];

/** What Create and Create or Update require, at the top: number, dates, total and the contact. */
export const requiredInvoiceProperties: INodeProperties[] = [
	toProperty(INVOICE_NUMBER, true),
	toProperty(INVOICE_DATE, true),
	toProperty(DUE_DATE, true),
	toProperty(TOTAL, true),
	contactLocator('The contact the invoice belongs to'),
];

/** The optional fields of Create and Create or Update; `uuid` only for Create or Update. */
export function invoiceAdditionalFields(withUuid: boolean): INodeProperties {
	const uuid: INodeProperties = {
		displayName: 'Invoice UUID',
		name: 'uuid',
		type: 'string',
		default: '',
		placeholder: 'e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524',
		description: 'The UUID of an existing invoice to update; without it Levers creates the invoice',
	};
	const details = INVOICE_DETAILS.map((spec) => toProperty(spec));
	return collectionOf('additionalFields', withUuid ? [uuid, ...details] : details);
}

export const invoiceUpdateFields: INodeProperties = collectionOf(
	'updateFields',
	[INVOICE_NUMBER, INVOICE_DATE, DUE_DATE, TOTAL, CONTACT_UUID, ...INVOICE_DETAILS].map((spec) =>
		toProperty(spec),
	),
);
