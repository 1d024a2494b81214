import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * How the dev command learns the sandbox's URL (start_sandbox in scripts/dev-sandbox.sh), run with a fake
 * sandbox: a restart reads the new sandbox's first line, never the previous run's log, and never a half-
 * written line. Before, a second `npm run dev` sometimes died on "Unexpected end of JSON input".
 */
const SCRIPT = path.resolve(__dirname, '../scripts/dev-sandbox.sh');

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'levers-dev-sandbox-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs start_sandbox with `fake` as the sandbox; prints the URL it read, then stops the fake. */
function startSandbox(fake: string) {
	const log = path.join(dir, 'sandbox.log');
	const script = `set -euo pipefail; source "${SCRIPT}"
start_sandbox "${log}" "${path.join(dir, 'sandbox.err')}" bash -c '${fake}'
echo "url=$sandbox_url"; kill "$sandbox_pid"`;
	return {
		log,
		run: () => spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 10_000 }),
	};
}

test("a restart reads the new sandbox's URL, not the one left in the previous run's log", () => {
	const { log, run } = startSandbox(
		'sleep 0.5; echo "{\\"url\\":\\"http://127.0.0.1:5702\\"}"; sleep 10',
	);
	writeFileSync(
		log,
		'{"url":"http://127.0.0.1:5701"}\n2026-12-03T10:00:00.000Z POST /api-service/v1/x\n',
	);

	const result = run();

	expect(result.stdout).toBe('url=http://127.0.0.1:5702\n');
	expect(result.status).toBe(0);
});

test('a first line still being written is waited for, not parsed half-way', () => {
	const { run } = startSandbox(
		'printf "{\\"url\\":\\"http://127.0"; sleep 0.5; printf ".0.1:5703\\"}\\n"; sleep 10',
	);

	const result = run();

	expect(result.stdout).toBe('url=http://127.0.0.1:5703\n');
});

test('a sandbox that exits before its URL line fails the start and shows what it printed', () => {
	const { run } = startSandbox('echo "port 5704 is taken" >&2; exit 1');

	const result = run();

	expect(result.status).not.toBe(0);
	expect(result.stdout).toBe('');
	expect(result.stderr).toContain('port 5704 is taken');
});
