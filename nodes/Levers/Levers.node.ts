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
		name: 'levers',
		displayName: 'Levers',
		description:
			'Create and look up contacts, invoices and payments in Levers, the collections platform',
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		icon: { light: 'file:levers.svg', dark: 'file:levers.dark.svg' },
		defaults: { name: 'Levers' },
		group: ['output'],
		version: 1,
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
