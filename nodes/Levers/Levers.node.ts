import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/transport';
import { contactDescription } from './actions/contact/Contact.resource';
import { invoiceDescription } from './actions/invoice/Invoice.resource';
import { paymentDescription } from './actions/payment/Payment.resource';
import { router } from './actions/router';
import { options } from './fields/common';
import { searchContacts } from './methods/searchContacts';

export class Levers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Levers',
		name: 'levers',
		icon: { light: 'file:levers.svg', dark: 'file:levers.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create and look up contacts, invoices and payments in Levers, the collections platform',
		defaults: { name: 'Levers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Payment', value: 'payment' },
				],
				default: 'contact',
			},
			...contactDescription,
			...invoiceDescription,
			...paymentDescription,
			options,
		],
	};

	methods = { listSearch: { searchContacts } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
