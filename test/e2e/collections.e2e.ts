import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { LeversSandbox } from '../sandbox/levers-sandbox';
import { WebhookDelivery, post } from '../sandbox/webhook-delivery';
import {
	executionJson,
	installPackage,
	n8nCommand,
	newN8nInstance,
	ownerCookie,
	startN8nServer,
	succeeded,
} from './n8n-process';
import type { N8nInstance, N8nServer } from './n8n-process';

/**
 * The collections example in a real n8n 2.41 with the packed package: overdue invoices → contact and invoice
 * in Levers → Levers Call with the amount and due date as prompt tags and the invoice in metadata; a paid invoice
 * → Create Payment; then the Levers Trigger's PROMISE_TO_PAY is recorded on the invoice it names.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');
const ACCESS_TOKEN = 'e2e-collections-token-6d20b9';
const WORKFLOW_ID = 'LeversExample007';
const TRIGGER_WEBHOOK_ID = '5e2b7d1a-4c3f-4b8e-9a6d-2f1e0c9b7008';
/** The Levers contact the example's Globex row carries (leversContactUuid). */
const KNOWN_CONTACT = '0c9d5c1e-6a7b-4f3e-9d2c-8b1a0e7f6d52';

let sandbox: LeversSandbox;
let delivery: WebhookDelivery;
let n8n: N8nInstance;
let server: N8nServer | undefined;

beforeAll(async () => {
	delivery = new WebhookDelivery(undefined);
	sandbox = await LeversSandbox.start({
		accessTokens: [ACCESS_TOKEN],
		onCallAccepted: delivery.onCallAccepted,
	});
	n8n = await newN8nInstance('levers-e2e-collections-');
	const { userFolder } = n8n;
	installPackage(n8n);
	const credentials = [
		{
			id: 'LeversSandbox001',
			name: 'Levers sandbox',
			type: 'leversApi',
			data: {
				authType: 'accessToken',
				accessToken: ACCESS_TOKEN,
				baseUrl: sandbox.url,
				webhookSigningSecret: delivery.secret,
			},
		},
	];
	writeFileSync(path.join(userFolder, 'credentials.json'), JSON.stringify(credentials));
	succeeded(await n8nCommand(n8n, 'import:credentials', `--input=${userFolder}/credentials.json`));
	const workflows = path.join(userFolder, 'workflows');
	mkdirSync(workflows);
	copyFileSync(
		path.join(REPO_ROOT, 'examples/collect-overdue-invoices.json'),
		path.join(workflows, 'collect-overdue-invoices.json'),
	);
	succeeded(await n8nCommand(n8n, 'import:workflow', '--separate', `--input=${workflows}`));
}, 180_000);

afterAll(async () => {
	await server?.stop();
	await sandbox?.close();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
}, 60_000);

/** The Levers node is listed beside Levers Call, with its AI tool variant, and n8n serves its icon. */
async function expectInNodesPanel(url: string): Promise<string> {
	const cookie = await ownerCookie(url, 'e2e-collections@levers.local');
	const nodes = (await (
		await fetch(`${url}/types/nodes.json`, { headers: { cookie } })
	).json()) as Array<{
		name: string;
		displayName: string;
		iconUrl?: { light: string; dark: string };
	}>;
	const names = nodes.map((node) => node.name);
	expect(names).toEqual(
		expect.arrayContaining([
			'n8n-nodes-levers.levers',
			'n8n-nodes-levers.leversTool',
			'n8n-nodes-levers.leversCall',
		]),
	);
	const levers = nodes.find((node) => node.name === 'n8n-nodes-levers.levers');
	expect(levers?.displayName).toBe('Levers');
	const icon = await fetch(`${url}/${levers?.iconUrl?.light}`, { headers: { cookie } });
	expect(icon.status).toBe(200);
	expect(await icon.text()).toMatch(/^<svg /);
	return cookie;
}

/** The Contact locator's From List, as the editor asks for it, filtered by what a person types. */
async function searchContacts(url: string, cookie: string, filter: string) {
	const response = await fetch(`${url}/rest/dynamic-node-parameters/resource-locator-results`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			path: 'parameters.contactUuid',
			nodeTypeAndVersion: { name: 'n8n-nodes-levers.levers', version: 1 },
			currentNodeParameters: { resource: 'contact', operation: 'get' },
			methodName: 'searchContacts',
			credentials: { leversApi: { id: 'LeversSandbox001', name: 'Levers sandbox' } },
			filter,
		}),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`resource-locator-results -> ${response.status} ${text}`);
	return (JSON.parse(text) as { data: { results: Array<{ name: string; value: string }> } }).data;
}

test('overdue invoices are synced and called about; the paid one gets its payment; a promise is recorded', async () => {
	const { store } = sandbox.resources;
	// Globex was synced before: the row carries its Levers contact, which is updated rather than created again.
	store.contacts.set(KNOWN_CONTACT, {
		uuid: KNOWN_CONTACT,
		name: 'Globex',
		phoneNumber: '+966500000000',
	});

	const execution = executionJson(
		succeeded(await n8nCommand(n8n, 'execute', `--id=${WORKFLOW_ID}`, '--rawOutput')),
	);

	// One contact per customer (Globex's updated), one invoice per row, with the accounting system's values.
	const contacts = [...store.contacts.values()].map((contact) => [
		contact.name,
		contact.phoneNumber,
	]);
	expect(contacts).toEqual([
		['Globex Foods', '+966502220002'],
		['Acme Trading', '+966501110001'],
		['Initech', '+966503330003'],
	]);
	const byNumber = (a: { number?: unknown }, b: { number?: unknown }) =>
		String(a.number).localeCompare(String(b.number));
	const invoices = [...store.invoices.keys()].map((uuid) => store.invoiceView(uuid)).sort(byNumber);
	expect(
		invoices.map((invoice) => [invoice.number, invoice.status, invoice.outstandingAmount]),
	).toEqual([
		['INV-2025-0101', 'UNPAID', 1200],
		['INV-2025-0102', 'UNPAID', 480.5],
		['INV-2025-0103', 'PAID', 0],
	]);
	expect((invoices[1].contact as { uuid: string }).uuid).toBe(KNOWN_CONTACT);
	const payments = sandbox
		.resourceRequests()
		.filter((request) => request.path.endsWith('/payment'));
	expect(payments.map((request) => request.json)).toEqual([
		{ amount: 300, date: '2025-02-15', reference: 'acc-103' },
	]);

	// Levers Call: the two unpaid invoices, amount and due date as prompt tags, the invoice in metadata.
	const calls = sandbox
		.callRequests()
		.map((request) => request.json as { metadata: { invoice_number: string } })
		.sort((a, b) => a.metadata.invoice_number.localeCompare(b.metadata.invoice_number));
	expect(calls).toEqual(
		invoices.slice(0, 2).map((invoice) => ({
			numberToCall: (invoice.contact as { phoneNumber: string }).phoneNumber,
			contactUuid: (invoice.contact as { uuid: string }).uuid,
			metadata: { invoice_uuid: invoice.uuid, invoice_number: invoice.number },
			promptTags: { amount: `${invoice.outstandingAmount} SAR`, due_date: invoice.dueDate },
		})),
	);
	// The node runs once per branch that reaches it (updated and created contacts).
	const callRuns = execution.data.resultData.runData['Call about the invoice'];
	const outcomes = callRuns
		.flatMap((run) => run.data?.main[0] ?? [])
		.map((item) => item.json.outcome);
	expect(outcomes).toEqual(['placed', 'placed']);

	// The results come back through the published workflow's Levers Trigger.
	succeeded(await n8nCommand(n8n, 'publish:workflow', `--id=${WORKFLOW_ID}`));
	server = await startN8nServer(n8n, Number(n8n.env.N8N_PORT));
	delivery.url = `${server.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
	const deadline = Date.now() + 30_000;
	while (
		(await post(delivery.url, { headers: {}, body: '' })).status === 404 &&
		Date.now() < deadline
	)
		await new Promise((resolve) => setTimeout(resolve, 250));
	for (const call of delivery.accepted) await delivery.deliver(call);
	const cookie = await expectInNodesPanel(server.url);
	const globex = [...store.contacts.values()].find((contact) => contact.name === 'Globex Foods');
	expect(await searchContacts(server.url, cookie, 'globex')).toEqual({
		results: [{ name: 'Globex Foods · +966502220002', value: globex?.uuid }],
	});

	const promised = async () => {
		for (let wait = 0; wait < 120; wait++) {
			const notes = invoices
				.slice(0, 2)
				.map((invoice) => store.invoiceView(String(invoice.uuid)).notes);
			if (notes.every(Boolean)) return notes;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		return invoices.slice(0, 2).map((invoice) => store.invoiceView(String(invoice.uuid)).notes);
	};
	const notes = await promised();
	expect(notes).toHaveLength(2);
	for (const note of notes)
		expect(note).toMatch(
			/^Promise to pay on the call of \d{4}-\d{2}-\d{2}: The contact agreed to pay by Friday\.$/,
		);
	expect(store.invoiceView(String(invoices[2].uuid)).notes).toBeUndefined();
}, 180_000);
