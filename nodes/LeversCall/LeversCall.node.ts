import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import * as call from './actions/call.operation';
import * as callAndWait from './actions/callAndWait.operation';
import * as callBulk from './actions/callBulk.operation';
import { router } from './actions/router';
import { optionProperties } from './properties';
import { CREDENTIAL_TYPE } from './transport';

const operation: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@tool': [false] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				action: 'Call a phone number',
				description: 'Place one AI phone call per input item',
			},
			{
				name: 'Call and Wait for Result',
				value: 'callAndWait',
				action: 'Call and wait for the result',
				description:
					'Place one call, then wait until its result (outcome, transcript) comes back through the Levers Trigger',
			},
			{
				name: 'Call Many Numbers (Bulk)',
				value: 'callBulk',
				action: 'Call many phone numbers in bulk',
				description:
					'Send all input items as the contacts of a few bulk requests, instead of one request per item',
			},
		],
		default: 'call',
	},
	{
		// An AI agent places one call per tool call: the other operations are not offered as a tool.
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@tool': [true] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				action: 'Call a phone number',
				description: 'Place one AI phone call per input item',
			},
		],
		default: 'call',
	},
];

export class LeversCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Levers Call',
		name: 'leversCall',
		icon: { light: 'file:levers.svg', dark: 'file:levers.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ {"call": "Call a phone number", "callAndWait": "Call and wait for the result", "callBulk": "Call many numbers (bulk)"}[$parameter["operation"]] }}',
		description:
			'Place an AI-powered phone call with Levers: the Levers AI agent calls the number and talks to the person',
		defaults: { name: 'Levers Call' },
		// The node panel's Docs link: taken as it is, where the codex URL gets "?utm_…" after its #anchor.
		documentationUrl: 'https://github.com/uselevers/n8n-nodes-levers#levers-call',
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Call and Wait has two: n8n resumes a timed-out wait on output 0 with the input item, so that one is
		// "Timed Out" and the result goes to output 1. Every other operation keeps its single output.
		outputs:
			'={{ $parameter.operation === "callAndWait" ? [{ type: "main", displayName: "Timed Out" }, { type: "main", displayName: "Call Ended" }] : ["main"] }}',
		webhooks: callAndWait.waitWebhooks,
		waitingNodeTooltip: callAndWait.waitingTooltip,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			...operation,
			...call.description,
			...callAndWait.description,
			...callBulk.description,
			...optionProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	/** Only Call and Wait has a webhook: the restart webhook its waiting execution resumes through. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await callAndWait.webhook.call(this);
	}
}
