import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { CALL_ENDED, callEventItem, readCallEvent } from '../shared/callEvent';
import { relayToWaitingExecution } from './relay';
import { remember, seenBefore } from './seenEvents';
import { verifySvix } from './svix';

interface TriggerOptions {
	callOutput?: string;
	deliveryStatus?: string;
	skipSignatureCheck?: boolean;
}

const header = (value: string | string[] | undefined) =>
	Array.isArray(value) ? value.join(' ') : value;

/** Comma-separated values typed in the UI, compared without case. */
const listOf = (text: string | undefined) =>
	(text ?? '')
		.split(',')
		.map((value) => value.trim().toLowerCase())
		.filter((value) => value !== '');

function passesFilters(call: IDataObject, options: TriggerOptions): boolean {
	const outputs = listOf(options.callOutput);
	if (outputs.length > 0 && !outputs.includes(String(call.callOutput ?? '').toLowerCase())) {
		return false;
	}
	const status = options.deliveryStatus ?? '';
	return status === '' || String(call.deliveryStatus ?? '').toLowerCase() === status;
}

export class LeversTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Levers Trigger',
		name: 'leversTrigger',
		icon: { light: 'file:levers.svg', dark: 'file:levers.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=Call ended',
		description: 'Starts the workflow when a Levers call ends, with its outcome and transcript',
		defaults: { name: 'Levers Trigger' },
		// The node panel's Docs link: taken as it is, where the codex URL gets "?utm_…" after its #anchor.
		documentationUrl: 'https://github.com/uselevers/n8n-nodes-levers#receiving-call-results',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leversApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		triggerPanel: {
			header: 'Receives the result of each Levers call (event phone_call.ended)',
			executionsHelp: {
				inactive:
					"Levers cannot reach a test URL for long: copy the <b>Production URL</b> into Levers → Settings → Webhooks, put the endpoint's signing secret (whsec_…) in the Levers credential, then publish this workflow. Each call result then starts one execution.",
				active:
					'This workflow is published: each verified call result Levers sends to the Production URL starts one execution.',
			},
			activationHint:
				'Publish the workflow so Levers can deliver results to the Production URL, also for Levers Call nodes using "Call and Wait for Result".',
		},
		properties: [
			{
				displayName:
					'Levers has no API to register webhooks: in Levers → Settings → Webhooks, add an endpoint with the <b>Production URL</b> shown above (Webhook URLs), event phone_call.ended. Copy its Signing Secret (whsec_…) into the Webhook Signing Secret of the Levers credential, and publish this workflow. It also brings results back to Levers Call nodes waiting with "Call and Wait for Result".',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Call Output Is One Of',
						name: 'callOutput',
						type: 'string',
						default: '',
						placeholder: 'e.g. PROMISE_TO_PAY, CALLBACK_REQUESTED',
						description:
							'Start the workflow only for calls whose callOutput is one of these comma-separated values (case ignored). Other results are acknowledged and dropped.',
					},
					{
						displayName: 'Delivery Status',
						name: 'deliveryStatus',
						type: 'options',
						options: [
							{ name: 'Any', value: '' },
							{ name: 'Pass (Call Connected)', value: 'pass' },
							{ name: 'Fail (Call Not Delivered)', value: 'fail' },
						],
						default: '',
						description: 'Start the workflow only for calls with this deliveryStatus',
					},
					{
						displayName: 'Skip Signature Check (Testing Only)',
						name: 'skipSignatureCheck',
						type: 'boolean',
						default: false,
						description:
							'Whether to accept unsigned deliveries when the credential has no Webhook Signing Secret. Anyone who knows the URL could then start this workflow.',
					},
				],
			},
		],
	};

	// Levers has no API for webhooks: the user pastes the URL into the dashboard, so there is nothing to manage.
	webhookMethods = {
		default: {
			checkExists: async function (this: IHookFunctions): Promise<boolean> {
				return true;
			},
			create: async function (this: IHookFunctions): Promise<boolean> {
				return true;
			},
			delete: async function (this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		// The node answers itself: only then does n8n save the static data (the repeat check) of a run it starts.
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			res.status(status).json(body);
			return { noWebhookResponse: true };
		};
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const now = Date.now();

		const credentials = await this.getCredentials('leversApi');
		const secret = String(credentials.webhookSigningSecret ?? '').trim();
		if (!req.rawBody) await req.readRawBody();
		const rawBody = req.rawBody ?? Buffer.alloc(0);
		if (secret !== '') {
			const check = verifySvix(
				secret,
				{
					id: header(req.headers['svix-id']),
					timestamp: header(req.headers['svix-timestamp']),
					signature: header(req.headers['svix-signature']),
				},
				rawBody,
				Math.floor(now / 1000),
			);
			if (!check.valid) return answer(401, { error: `Invalid signature: ${check.reason}` });
		} else if (!options.skipSignatureCheck) {
			return answer(401, {
				error:
					'No Webhook Signing Secret in the Levers credential: deliveries cannot be verified, none is accepted',
			});
		}

		let payload: unknown;
		try {
			payload = JSON.parse(rawBody.toString('utf8'));
		} catch {
			return answer(400, { error: 'The body is not JSON' });
		}
		const event = readCallEvent(payload);
		if (!event) return answer(400, { error: 'The body is not a JSON object' });

		const staticData = this.getWorkflowStaticData('node');
		const eventId = header(req.headers['svix-id']) ?? `unsigned-${now}`;
		if (seenBefore(staticData, eventId)) return answer(200, { received: true, duplicate: true });
		if (event.type !== CALL_ENDED) {
			remember(staticData, eventId, Math.floor(now / 1000));
			return answer(200, { received: true, ignored: `event type ${event.type}` });
		}

		const receivedAt = new Date(now).toISOString();
		const relayed = await relayToWaitingExecution(this, event, { eventId, receivedAt, payload });
		// Not recorded: Svix delivers it again and the waiting execution gets another chance.
		if (relayed === 'retry')
			return answer(503, { error: 'The waiting execution could not be reached' });
		remember(staticData, eventId, Math.floor(now / 1000));

		if (!passesFilters(event.call, options)) return answer(200, { received: true, filtered: true });
		res.status(200).json({ received: true });
		return {
			noWebhookResponse: true,
			workflowData: [this.helpers.returnJsonArray([callEventItem(event, eventId, receivedAt)])],
		};
	}
}
