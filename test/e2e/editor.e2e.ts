import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { type DevRun, START_TIMEOUT_MS, startDev } from './dev-process';
import { freePort } from './n8n-process';

/**
 * Call and Wait as a user sees it in n8n 2.41.1's editor (headless Debian Chromium, which scripts/e2e.sh
 * installs if missing), on `npm run dev`: the call-and-wait example run from the editor, the output panel
 * while the call is on, and again once the result came back.
 */
const CHROMIUM = process.env.LEVERS_CHROMIUM ?? '/usr/bin/chromium';
// Long enough to look at the waiting node; the sandbox's result resumes it afterwards.
const RESULT_DELAY_MS = 15_000;

const ndvOutput = (page: Page) => page.locator('[data-test-id="output-panel"]');

async function openLeversCall(page: Page) {
	await page.locator('[data-test-id="canvas-node"][data-node-name="Levers Call"]').dblclick();
	await ndvOutput(page).waitFor();
}

test(
	'Call and Wait in the editor: while waiting, no item on Timed Out and the panel says where the result comes out',
	async () => {
		const home = mkdtempSync(path.join(tmpdir(), 'levers-editor-e2e-'));
		const port = String(await freePort());
		const base = `http://127.0.0.1:${port}`;
		let dev: DevRun | undefined;
		const browser = await chromium.launch({
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
		try {
			dev = await startDev({
				LEVERS_DEV_HOME: home,
				N8N_PORT: port,
				LEVERS_SANDBOX_PORT: String(await freePort()),
				LEVERS_SANDBOX_WEBHOOK_DELAY_MS: String(RESULT_DELAY_MS),
			});
			const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
			const login = await context.request.post(`${base}/rest/login`, {
				data: { emailOrLdapLoginId: 'demo@levers.local', password: 'Levers-demo-1' },
			});
			expect(login.status()).toBe(200);
			const page = await context.newPage();
			await page.goto(`${base}/workflow/LeversExample004`);
			await page.locator('[data-test-id="canvas-node"][data-node-name="Levers Call"]').waitFor();

			// Execute workflow: the Webhook node listens on its test URL; a request there starts the run.
			await page.locator('[data-test-id="execute-workflow-button"]').first().click({ force: true });
			let answer: number | undefined;
			for (let tries = 0; answer !== 200 && tries < 40; tries++) {
				await page.waitForTimeout(250);
				const response = await context.request.post(`${base}/webhook-test/levers-call-and-wait`, {
					headers: { 'X-Webhook-Key': 'levers-demo-webhook-key' },
					data: { numberToCall: '+96612341234', firstName: 'John', metadata: { crm_id: '42' } },
				});
				answer = response.status();
			}
			expect(answer).toBe(200);

			await openLeversCall(page);
			const output = ndvOutput(page);
			await output.getByText('Waiting for input').waitFor();
			await output.getByText(/Its result will come out of\s*Call Ended/).waitFor();
			// n8n counts a branch's items in its tab: none while the call is on.
			await output.getByText('Timed Out Branch', { exact: true }).waitFor();
			expect(await output.getByText(/Branch \(\d+ items?\)/).count()).toBe(0);

			// The result comes back (the sandbox's signed event, relayed by the published trigger).
			await output
				.getByText('Call Ended Branch (1 item)')
				.waitFor({ timeout: RESULT_DELAY_MS + 30_000 });
			expect(await output.getByText('Timed Out Branch', { exact: true }).count()).toBe(1);
			await page.keyboard.press('Escape');
			// Opened again, the panel starts on the output that has the item: the result.
			await openLeversCall(page);
			await output.getByText('sbx-call-1').first().waitFor();
		} finally {
			await browser.close();
			await dev?.stop();
			rmSync(home, { recursive: true, force: true });
		}
	},
	START_TIMEOUT_MS + 120_000,
);
