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
import { bulkContactParser, parseBulkSettings } from '../callRequest';
import type { BulkSettingsInput } from '../callRequest';
import { carrierFailed, toInputError } from '../errors';
import { prepareItems } from '../prepare';
import { bulkFieldProperties } from '../properties';

export const CALL_BULK_PATH = '/ai/phone-calls/action/call-bulk';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { operation: ['callBulk'] } },
	bulkFieldProperties,
);

/**
 * All items of the run as contacts of POST /ai/phone-calls/action/call-bulk, at most Contacts per Request in
 * each request. A number repeated in the run is sent once; a request's fate is the fate of all its contacts.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const campaign = await Campaign.start(this, items.length);
	const settings = parseBulkSettings(
		this.getNodeParameter('bulkSettings', 0, {}) as BulkSettingsInput,
	);
	if (!settings.ok) {
		const problems = settings.problems.map((p) => ({ ...p, field: `bulkSettings.${p.field}` }));
		throw toInputError(this.getNode(), problems, 0);
	}
	const { contactsPerRequest, shared } = settings.body;
	const check = bulkContactParser({
		allowedPrefixes: campaign.options.allowedNumberPrefixes,
		acceptLocalNumbers: shared.countryCode !== undefined,
	});
	const { valid, invalid } = prepareItems(this, items.length, check);
	campaign.refuse(invalid);

	// A repeated number is sent once, with the first item that has it.
	const carriers = new Map<string, number>();
	const contacts = valid.filter(({ itemIndex, body }) => {
		const carrier = carriers.get(body.numberToCall);
		if (carrier === undefined) carriers.set(body.numberToCall, itemIndex);
		else
			campaign.results[itemIndex] = {
				outcome: 'skipped',
				duplicateOf: carrier,
				extra: { contact: body },
			};
		return carrier === undefined;
	});

	const url = apiUrl(campaign.credentials.baseUrl, CALL_BULK_PATH);
	const jobs: CallJob[] = [];
	for (let start = 0; start < contacts.length; start += contactsPerRequest) {
		const batch = contacts.slice(start, start + contactsPerRequest);
		const body: IDataObject = { contacts: batch.map((contact) => contact.body), ...shared };
		const [first] = batch;
		jobs.push({
			itemIndexes: batch.map((contact) => contact.itemIndex),
			url,
			body,
			timeoutMs: first.timeoutMs,
			// The whole request once, on its first item: 10,000 copies of a 500-contact body would be too much.
			requestOf: (itemIndex) => (itemIndex === first.itemIndex ? body : undefined),
		});
	}
	const contactOf = new Map(contacts.map(({ itemIndex, body }) => [itemIndex, body]));
	await campaign.place(jobs, (job, itemIndex) => ({
		contact: contactOf.get(itemIndex) as IDataObject,
		bulkRequest: jobs.indexOf(job) + 1,
		bulkRequestContacts: job.itemIndexes.length,
	}));
	followCarriers(campaign);
	return campaign.finish();
}

/** A repeated number is skipped only if its carrier placed the call (or may have); otherwise it failed too. */
function followCarriers(campaign: Campaign): void {
	const { results } = campaign;
	results.forEach((result, itemIndex) => {
		if (result?.outcome !== 'skipped' || result.duplicateOf === undefined) return;
		if (results[result.duplicateOf]?.outcome !== 'failed') return;
		const error = carrierFailed(campaign.context.getNode(), result.duplicateOf, itemIndex);
		results[itemIndex] = { outcome: 'failed', error, extra: result.extra };
	});
}
