import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

import { type DevRun, START_TIMEOUT_MS, startDev } from './dev-process';
import { freePort } from './n8n-process';

/**
 * The demo as a user meets it in n8n 2.41.1's editor (headless Debian Chromium, which scripts/e2e.sh
 * installs if missing), on `npm run dev`: Call and Wait run from the editor, its output panel while the
 * call is on and once the result came back; and "Execute workflow" on the results trigger, which must get
 * the next call's result through its test URL.
 */
const CHROMIUM = process.env.LEVERS_CHROMIUM ?? '/usr/bin/chromium';
// Long enough to look at the waiting node; the sandbox's result comes afterwards.
const RESULT_DELAY_MS = 15_000;
const RESULT_TIMEOUT_MS = RESULT_DELAY_MS + 30_000;
const WEBHOOK_KEY = { 'X-Webhook-Key': 'levers-demo-webhook-key' };
const CONTACT = { numberToCall: '+96612341234', firstName: 'John', metadata: { crm_id: '42' } };

let home: string;
let base: string;
let dev: DevRun | undefined;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
	home = mkdtempSync(path.join(tmpdir(), 'levers-editor-e2e-'));
	const port = String(await freePort());
	base = `http://127.0.0.1:${port}`;
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		// As root on a closed network: no sandbox, no background connections to Google.
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-sync',
			'--disable-background-networking',
			'--disable-component-update',
		],
	});
	dev = await startDev({
		LEVERS_DEV_HOME: home,
		N8N_PORT: port,
		LEVERS_SANDBOX_PORT: String(await freePort()),
		LEVERS_SANDBOX_WEBHOOK_DELAY_MS: String(RESULT_DELAY_MS),
	});
	context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
	const login = await context.request.post(`${base}/rest/login`, {
		data: { emailOrLdapLoginId: 'demo@levers.local', password: 'Levers-demo-1' },
	});
	expect(login.status()).toBe(200);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
	await browser?.close();
	await dev?.stop();
	rmSync(home, { recursive: true, force: true });
});

const canvasNode = (page: Page, name: string) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
const ndvOutput = (page: Page) => page.locator('[data-test-id="output-panel"]');

async function openWorkflow(id: string, firstNode: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${base}/workflow/${id}`);
	await canvasNode(page, firstNode).waitFor();
	return page;
}

async function openNode(page: Page, name: string) {
	await canvasNode(page, name).dblclick();
	await ndvOutput(page).waitFor();
}

/** "Execute workflow": the workflow's trigger listens on its test URL until a request comes. */
const executeWorkflow = (page: Page) =>
	page.locator('[data-test-id="execute-workflow-button"]').first().click({ force: true });

/** A POST that n8n may answer 404 until the editor's listening has reached the server. */
async function postUntilTaken(url: string, data: object): Promise<number> {
	let status = 0;
	for (let tries = 0; status !== 200 && tries < 40; tries++) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		status = (await context.request.post(url, { headers: WEBHOOK_KEY, data })).status();
	}
	return status;
}

test(
	'Call and Wait in the editor: while waiting, no item on Timed Out and the panel says where the result comes out',
	async () => {
		const page = await openWorkflow('LeversExample004', 'Levers Call');
		await executeWorkflow(page);
		expect(await postUntilTaken(`${base}/webhook-test/levers-call-and-wait`, CONTACT)).toBe(200);

		await openNode(page, 'Levers Call');
		const output = ndvOutput(page);
		await output.getByText('Waiting for input').waitFor();
		await output.getByText(/Its result will come out of\s*Call Ended/).waitFor();
		// n8n counts a branch's items in its tab: none while the call is on.
		await output.getByText('Timed Out Branch', { exact: true }).waitFor();
		expect(await output.getByText(/Branch \(\d+ items?\)/).count()).toBe(0);

		// The result comes back (the sandbox's signed event, relayed by the published trigger).
		await output.getByText('Call Ended Branch (1 item)').waitFor({ timeout: RESULT_TIMEOUT_MS });
		expect(await output.getByText('Timed Out Branch', { exact: true }).count()).toBe(1);
		await page.keyboard.press('Escape');
		// Opened again, the panel starts on the output that has the item: the result.
		await openNode(page, 'Levers Call');
		await output.getByText('sbx-call-1').first().waitFor();
		await page.close();
	},
	2 * RESULT_TIMEOUT_MS,
);

test(
	'"Execute workflow" on the results trigger gets the next call\'s result through its test URL',
	async () => {
		const page = await openWorkflow('LeversExample003', 'Levers Trigger');
		await executeWorkflow(page);
		// Listening: n8n registers the test webhook; a call placed through the webhook example (published).
		await page.waitForTimeout(1000);
		const placed = await context.request.post(`${base}/webhook/levers-call`, {
			headers: WEBHOOK_KEY,
			data: CONTACT,
		});
		expect(placed.status()).toBe(200);
		// The example answers with Levers' answer, which names the call; its result will carry that id.
		const { response } = (await placed.json()) as { response?: { callId?: string } };
		const providerCallId = String(response?.callId);
		expect(providerCallId).toMatch(/^sbx-call-\d+$/);

		// The test run happens in the editor: its trigger's output is that call's result.
		await canvasNode(page, 'Levers Trigger')
			.locator('[data-test-id="canvas-node-status-success"]')
			.waitFor({ timeout: RESULT_TIMEOUT_MS });
		await openNode(page, 'Levers Trigger');
		await ndvOutput(page).getByText(providerCallId, { exact: true }).first().waitFor();
		await page.close();
	},
	2 * RESULT_TIMEOUT_MS,
);
