import { randomUUID } from 'node:crypto';

import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { apiUrl } from '../../../credentials/leversUrls';
import { CALL_ENDED, WAIT_KEYS, callEventItem, readCallEvent } from '../../shared/callEvent';
import { Campaign } from '../campaign';
import { callRequestParser } from '../callRequest';
import { toRefusal } from '../errors';
import { withInputFields } from '../outcomes';
import { prepareItems } from '../prepare';
import { DEFAULT_WAIT_MINUTES, parseRunOptions, parseWaitTimeLimit } from '../runOptions';
import { CALL_PATH } from './call.operation';

/**
 * Call and Wait for Result: places one call exactly as `call` does, then parks the execution until that
 * call's phone_call.ended comes back through the Levers Trigger (which relays it to this node's restart
 * webhook) or the time limit passes. n8n resumes a timed-out wait on output 0 with the input item unchanged,
 * so output 0 is "Timed Out" and the result goes to output 1, "Call Ended" (see LeversCall.node.ts).
 */

/** The restart webhook; a named constant, as n8n's own send-and-wait nodes declare theirs. */
export const waitWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		// The node's own path: a stray POST to the execution's resume URL cannot resume this node.
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { operation: ['callAndWait'] } },
	[
		{
			displayName:
				'The result comes back through a <b>published</b> workflow with a Levers Trigger, whose URL is set in Levers → Settings → Webhooks. One call per run: to call a list, put a Loop Over Items node (batch size 1) before this node and connect both outputs back to it.',
			name: 'waitNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Time Limit (Minutes)',
			name: 'waitTimeLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 525_600 },
			default: DEFAULT_WAIT_MINUTES,
			description:
				'How long to wait for the result. After that the input item comes out of the "Timed Out" output, unchanged (n8n checks waits about once a minute).',
		},
	],
);

/**
 * What the editor's output panel says under "Waiting for input" while the call is on. It opens on the first
 * output that has items, which while waiting is neither, and n8n does not move it when the result comes in.
 */
export const waitingTooltip =
	'={{ $parameter.operation === "callAndWait" ? "Waiting for the call to end, up to the Time Limit. Its result will come out of <b>Call Ended</b> (the second tab; reopen the node if this panel stays on Timed Out). If no result comes in time, the input item comes out of <b>Timed Out</b>, unchanged." : "" }}';

/** customData keys allow letters, digits and _ only (node ids have dashes), up to 50 characters. */
const waitKey = (nodeId: string) => `levers_wait_${nodeId.replace(/\W/g, '_')}`.slice(0, 50);

/** `$execution.resumeUrl` with this node's id as the path suffix, before the query (signature). */
function nodeResumeUrl(context: IExecuteFunctions): string {
	const url = new URL(String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0)));
	url.pathname = `${url.pathname}/${encodeURIComponent(context.getNode().id)}`;
	return url.toString();
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Call and Wait for Result places one call and waits for it, but this node got ${items.length} items`,
			{
				description:
					'Put a Loop Over Items node (batch size 1) before this node and connect both of its outputs back to the loop: each contact is then called and awaited in turn.',
			},
		);
	}
	const campaign = await Campaign.start(this, 1);
	if (campaign.tool) {
		throw new NodeOperationError(
			this.getNode(),
			'Call and Wait for Result is not available to an AI agent — use the Call operation',
		);
	}
	const check = callRequestParser({ allowedPrefixes: campaign.options.allowedNumberPrefixes });
	const { valid, invalid } = prepareItems(this, 1, check);
	campaign.refuse(invalid);
	const limit = parseWaitTimeLimit(this.getNodeParameter('waitTimeLimit', 0, DEFAULT_WAIT_MINUTES));
	if (!limit.ok) throw toRefusal(this.getNode(), limit.field, limit.message, 0);
	const { minutes } = limit;

	// Recorded before the call: if the execution has no room left for it, nobody is called for nothing.
	const waitId = randomUUID();
	const key = waitKey(this.getNode().id);
	this.customData.set(key, waitId);
	if (this.customData.get(key) !== waitId) {
		throw new NodeOperationError(
			this.getNode(),
			'Call and Wait for Result could not record which call it waits for: this execution already has 10 custom data entries',
			{
				description: 'Remove an Execution Data node entry from this workflow; no call was placed.',
			},
		);
	}
	const url = apiUrl(campaign.credentials.baseUrl, CALL_PATH);
	await campaign.place(
		valid.map(({ itemIndex, body, timeoutMs }) => ({
			itemIndexes: [itemIndex],
			url,
			// The user's metadata, plus where Levers' result must go and which call it answers.
			body: {
				...body,
				metadata: {
					...body.metadata,
					[WAIT_KEYS.resumeUrl]: nodeResumeUrl(this),
					[WAIT_KEYS.waitId]: waitId,
				},
			} as IDataObject,
			timeoutMs,
		})),
	);
	const [placedOrNot] = campaign.finish();
	// Not placed (Continue On Fail, Dry Run): nothing will come back, the item leaves on output 0 now.
	if (campaign.results[0]?.outcome !== 'placed') return [placedOrNot, []];

	await this.putExecutionToWait(new Date(Date.now() + minutes * 60_000));
	// Shown only while waiting (n8n drops it on resume and passes the input item itself): no output has an
	// item yet, so the editor shows no "1 item" on Timed Out for a call that has not timed out.
	return [[], []];
}

/** The relayed event: resumes the run only for the call this node placed; anything else leaves it waiting. */
export async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const ignored: IWebhookResponseData = { webhookResponse: { ignored: true } };
	try {
		const { eventId, receivedAt, payload } = this.getBodyData() as IDataObject;
		const event = readCallEvent(payload);
		const expected = this.customData.get(waitKey(this.getNode().id));
		if (!event || event.type !== CALL_ENDED || !expected) return ignored;
		// A late result of an earlier loop iteration carries another wait id.
		if (event.requestMetadata[WAIT_KEYS.waitId] !== expected) return ignored;
		const item = callEventItem(event, String(eventId ?? ''), String(receivedAt ?? ''));
		return {
			webhookResponse: { resumed: true },
			workflowData: [[], [{ json: withWaitingInput(this, item), pairedItem: { item: 0 } }]],
		};
	} catch {
		// Never throw here: n8n would end the waiting execution in an error.
		return ignored;
	}
}

/**
 * Include Input Fields for the result: the waiting node's input item, which n8n hands the resuming webhook
 * as its input data (read through $json, the one way a webhook function can).
 */
function withWaitingInput(context: IWebhookFunctions, item: IDataObject): IDataObject {
	const parsed = parseRunOptions(
		context.getNodeParameter('options', {}) as Record<string, unknown>,
	);
	if (!parsed.ok || !parsed.options.includeInputFields) return item;
	const input = context.evaluateExpression('{{ $json }}', 0);
	return withInputFields(item, isPlainObject(input) ? input : undefined);
}

const isPlainObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
