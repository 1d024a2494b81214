import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiUrl } from '../../../credentials/leversUrls';
import { Campaign } from '../campaign';
import { callRequestParser } from '../callRequest';
import { prepareItems } from '../prepare';
import { callFieldProperties } from '../properties';

export const CALL_PATH = '/ai/phone-calls/action/call';

/** The fields of one call are shared with Call and Wait for Result, which places its call the same way. */
export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { operation: ['call', 'callAndWait'] } },
	callFieldProperties,
);

/** One POST per item: POST /ai/phone-calls/action/call. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const campaign = await Campaign.start(this, items.length);
	const check = callRequestParser({ allowedPrefixes: campaign.options.allowedNumberPrefixes });
	const { valid, invalid } = prepareItems(this, items.length, check);
	campaign.refuse(invalid);

	const url = apiUrl(campaign.credentials.baseUrl, CALL_PATH);
	await campaign.place(
		valid.map(({ itemIndex, body, timeoutMs }) => ({
			itemIndexes: [itemIndex],
			url,
			body: body as IDataObject,
			timeoutMs,
			dedupeKey: body.numberToCall,
		})),
	);
	return campaign.finish();
}
