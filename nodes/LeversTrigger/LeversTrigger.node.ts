import { createHash } from 'node:crypto';

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
import type { RelayResult } from './relay';
import { claimEvent } from './seenEvents';
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

/**
 * The id of an unsigned delivery (Skip Signature Check) with no svix-id: a hash of its bytes, so two
 * different results never share an id (a time stamp did, within one millisecond) and a resent copy of the
 * same body is still recognised as a repeat.
 */
const unsignedEventId = (rawBody: Buffer) =>
	`unsigned-${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;

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
		const eventId = header(req.headers['svix-id']) ?? unsignedEventId(rawBody);
		const repeat = () => answer(200, { received: true, duplicate: true });
		const unreachable = () => answer(503, { error: 'The waiting execution could not be reached' });
		const trigger = `${this.getWorkflow().id ?? ''}/${this.getNode().id}/${this.getMode()}`;
		const claim = claimEvent(trigger, staticData, eventId);
		if (claim.status === 'repeat') return repeat();
		// The same delivery twice at once: the second answers as the first ends (a retry stays a retry).
		if (claim.status === 'busy') return (await claim.handled) ? repeat() : unreachable();
		const nowSeconds = Math.floor(now / 1000);
		if (event.type !== CALL_ENDED) {
			claim.settle(true, nowSeconds);
			return answer(200, { received: true, ignored: `event type ${event.type}` });
		}

		const receivedAt = new Date(now).toISOString();
		let relayed: RelayResult = { outcome: 'retry' };
		try {
			relayed = await relayToWaitingExecution(this, event, { eventId, receivedAt, payload });
		} finally {
			// Not recorded on 'retry': Svix delivers it again and the waiting execution gets another chance.
			claim.settle(relayed.outcome !== 'retry', nowSeconds);
		}
		if (relayed.outcome === 'retry') return unreachable();
		// A result that could not reach its wait says why, in the answer (Levers' delivery log) and the item.
		const relayError = relayed.problem === undefined ? {} : { relayError: relayed.problem };

		if (!passesFilters(event.call, options)) {
			return answer(200, { received: true, filtered: true, ...relayError });
		}
		res.status(200).json({ received: true, ...relayError });
		const item = { ...callEventItem(event, eventId, receivedAt), ...relayError };
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
