import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * install_once (scripts/install-once.sh, which scripts/n8n-runtime.sh uses for Node 24 and n8n) run by two
 * first runs at once, with a fake installer that takes a while and counts its runs: one installs, the other
 * waits and reuses the install. Before the lock, both installed, each removing the other's half-done folder.
 */
const SCRIPT = path.resolve(__dirname, '../scripts/install-once.sh');

// Appends to a log, then fills the folder slowly, so two runs at once would overlap inside it.
const FAKE_INSTALLER = `
fake_install() {
	echo "start $$" >> "$LOG"
	sleep 0.6
	[ -z "$(ls -A "$1")" ] || { echo "folder not empty" >> "$LOG"; return 1; }
	echo installed > "$1/payload"
	[ "\${FAIL:-}" != 1 ] || return 1
	echo "end $$" >> "$LOG"
}`;

interface Run {
	code: number | null;
	stderr: string;
}

function installOnce(target: string, log: string, env: Record<string, string> = {}): Promise<Run> {
	const script = `set -euo pipefail; source "${SCRIPT}"; ${FAKE_INSTALLER}
install_once "${target}" fake_install`;
	return new Promise((resolve) => {
		const child = spawn('bash', ['-c', script], { env: { ...process.env, LOG: log, ...env } });
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code) => resolve({ code, stderr }));
	});
}

let dir: string;
let target: string;
let log: string;
const logLines = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'levers-install-once-'));
	target = path.join(dir, 'cache', 'n8n-x');
	log = path.join(dir, 'installer.log');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('two first runs at once: one installs, the other waits for it and reuses the install', async () => {
	const [first, second] = await Promise.all([installOnce(target, log), installOnce(target, log)]);

	expect([first.code, second.code]).toEqual([0, 0]);
	const lines = logLines();
	expect(lines.filter((line) => line.startsWith('start'))).toHaveLength(1);
	expect(lines).toEqual([expect.stringMatching(/^start /), expect.stringMatching(/^end /)]);
	expect(readFileSync(path.join(target, 'payload'), 'utf8')).toBe('installed\n');
	expect(existsSync(path.join(target, '.complete'))).toBe(true);
	expect(existsSync(`${target}.partial`)).toBe(false);
	// The one that waited said so.
	expect(`${first.stderr}${second.stderr}`).toContain('another run is installing n8n-x; waiting');
});

test('a finished install is reused without running the installer', async () => {
	await installOnce(target, log);
	rmSync(log);

	const again = await installOnce(target, log);

	expect(again.code).toBe(0);
	expect(logLines()).toEqual([]);
});

test('a failed install leaves no cache; the run waiting on it installs afresh', async () => {
	const failing = installOnce(target, log, { FAIL: '1' });
	await new Promise((resolve) => setTimeout(resolve, 150));
	const waiting = installOnce(target, log);

	const [failed, retried] = await Promise.all([failing, waiting]);

	expect(failed.code).not.toBe(0);
	expect(retried.code).toBe(0);
	// The second run started on an empty folder (the fake installer checks), after the first gave up.
	expect(logLines().filter((line) => line.startsWith('start'))).toHaveLength(2);
	expect(logLines()).not.toContain('folder not empty');
	expect(existsSync(path.join(target, '.complete'))).toBe(true);
	expect(readdirSync(path.dirname(target)).sort()).toEqual(['n8n-x', 'n8n-x.lock']);
});

test('a half-done folder left by an interrupted run is not taken for a cache', async () => {
	await installOnce(target, log, { FAIL: '1' });
	writeFileSync(path.join(`${target}.partial`, 'leftover'), '');

	const run = await installOnce(target, log);

	expect(run.code).toBe(0);
	expect(readdirSync(target).sort()).toEqual(['.complete', 'payload']);
});
