import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Simplify (Get, Get Many): the fields a workflow needs, as n8n's own nodes do for large records. */

export const SIMPLE_CONTACT = [
	'uuid',
	'name',
	'firstName',
	'lastName',
	'phoneNumber',
	'email',
	'totalAmount',
	'totalPaid',
	'outstandingAmount',
	'risk',
	'promiseToPayDate',
	'reminderStatus',
];

export const SIMPLE_INVOICE = [
	'uuid',
	'number',
	'date',
	'dueDate',
	'paidDate',
	'total',
	'totalPaid',
	'outstandingAmount',
	'status',
	'level',
];

/** The record, or only its `fields` that it has when Simplify is on. */
export function simplified(
	context: IExecuteFunctions,
	itemIndex: number,
	record: IDataObject,
	fields: string[],
): IDataObject {
	if (!context.getNodeParameter('simplify', itemIndex, true)) return record;
	return Object.fromEntries(
		fields.filter((field) => field in record).map((field) => [field, record[field]]),
	);
}
