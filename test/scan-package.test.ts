import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The scan gate `npm test` runs (scripts/scan-package.mjs) can fail: on a copy of this package with a runtime
 * dependency and a console.log hidden behind an eslint-disable comment, it reports both and exits 1.
 */
const REPO_ROOT = path.resolve(__dirname, '..');
const scan = (dir?: string) =>
	spawnSync('node', ['scripts/scan-package.mjs', ...(dir ? [dir] : [])], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});

test('this package passes both legs of the scan', () => {
	const run = scan();

	expect(run.stdout).toMatch(/^PASS {2}source .*\nPASS {2}tarball /);
	expect(run.status).toBe(0);
});

test('a runtime dependency and an inline-disabled console.log fail the scan, on both legs', () => {
	const copy = mkdtempSync(path.join(tmpdir(), 'levers-scan-fixture-'));
	try {
		for (const part of ['dist', 'nodes', 'credentials'])
			cpSync(path.join(REPO_ROOT, part), path.join(copy, part), { recursive: true });
		const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
		writeFileSync(
			path.join(copy, 'package.json'),
			JSON.stringify({ ...pkg, dependencies: { zod: '3.25.76' } }, null, 2),
		);
		writeFileSync(
			path.join(copy, 'nodes/LeversCall/debug.ts'),
			'// eslint-disable-next-line no-console\nconsole.log("debug");\n',
		);

		const run = scan(copy);

		expect(run.status).toBe(1);
		expect(run.stdout).toMatch(/FAIL {2}source /);
		expect(run.stdout).toMatch(/FAIL {2}tarball /);
		expect(run.stdout.match(/no-runtime-dependencies/g)).toHaveLength(2);
		expect(run.stdout).toMatch(/debug\.ts\n\s+2:1\s+error .* no-console/);
	} finally {
		rmSync(copy, { recursive: true, force: true });
	}
});
