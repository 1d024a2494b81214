import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiUrl } from '../../../credentials/leversUrls';
import { Campaign } from '../campaign';
import type { CallJob } from '../campaign';
import { callRequestParser } from '../callRequest';
import type { CallRequestBody } from '../callRequest';
import { prepareInTurn, prepareItems } from '../prepare';
import type { PreparedItem } from '../prepare';
import { ReadAhead } from '../readAhead';
import { callFieldProperties } from '../properties';

export const CALL_PATH = '/ai/phone-calls/action/call';

/** The fields of one call are shared with Call and Wait for Result, which places its call the same way. */
export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { operation: ['call', 'callAndWait'] } },
	callFieldProperties,
);

/** One POST per item, as items come. */
function* callJobs(
	url: string,
	prepared: Iterable<PreparedItem<CallRequestBody>>,
): Generator<CallJob> {
	for (const { itemIndex, body, timeoutMs } of prepared) {
		yield {
			itemIndexes: [itemIndex],
			url,
			body: body as IDataObject,
			timeoutMs,
			dedupeKey: body.numberToCall,
		};
	}
}

/** One POST per item: POST /ai/phone-calls/action/call. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const campaign = await Campaign.start(this, items.length);
	const check = callRequestParser({ allowedPrefixes: campaign.options.allowedNumberPrefixes });
	const url = apiUrl(campaign.credentials.baseUrl, CALL_PATH);
	// With Continue On Fail every item stands alone: calls start while later items are still being read.
	// Without it, a bad row must stop the run before anyone is dialled, so every item is checked first.
	if (campaign.continueOnFail) {
		const prepared = prepareInTurn(this, items.length, check, (refusal) =>
			campaign.refuse([refusal]),
		);
		await campaign.place(new ReadAhead(callJobs(url, prepared)));
	} else {
		const { valid, invalid } = prepareItems(this, items.length, check);
		campaign.refuse(invalid);
		await campaign.place(callJobs(url, valid));
	}
	return campaign.finish();
}
