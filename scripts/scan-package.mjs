// npm run scan — n8n's verification scan, offline: the rule set and configuration of
// @n8n/scan-community-package (its own analyzePackage; our eslint config and inline disables do not count),
// on the two things its CLI lints: the source (package.json + nodes/ and credentials/) and the packed tarball.
// Its CLI cannot run here (it needs the package published on npmjs.org with provenance); this is its lint step.
//   node scripts/scan-package.mjs [package-dir]        (run `npm run build` first; exits 1 on any error)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(fileURLToPath(import.meta.url), '../..');
const packageDir = path.resolve(process.argv[2] ?? repo);
// eslint-plugin-n8n-nodes-base switches its file-name rules to fixtures when NODE_ENV is "test" (jest sets it).
delete process.env.NODE_ENV;
const scanner = path.join(repo, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scanner);
// Loading the scanner makes a temporary folder (for downloads it does not do here): remove it on exit.
createRequire(scanner)('tmp').setGracefulCleanup();

/** `npm pack`, unpacked as the scanner unpacks what it downloads. */
function unpackTarball(workDir) {
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
			cwd: packageDir,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	);
	const unpacked = path.join(workDir, 'package');
	execFileSync('tar', ['-xzf', path.join(workDir, filename), '-C', workDir]);
	return unpacked;
}

async function leg(name, dir, patterns) {
	const started = Date.now();
	const result = await analyzePackage(dir, patterns);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(
		`${result.passed ? 'PASS' : 'FAIL'}  ${name} (${patterns.join(', ')}) in ${seconds} s`,
	);
	if (!result.passed) console.log(`${result.message ?? ''}\n${result.details ?? ''}`);
	return result.passed;
}

const workDir = mkdtempSync(path.join(tmpdir(), 'levers-scan-'));
try {
	const source = await leg('source', packageDir, SOURCE_FILE_PATTERNS);
	const tarball = await leg('tarball', unpackTarball(workDir), ['**/*.js', 'package.json']);
	process.exitCode = source && tarball ? 0 : 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
