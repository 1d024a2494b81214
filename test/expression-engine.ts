import { createRequire } from 'node:module';

import { Expression } from 'n8n-workflow';

/**
 * The unit tier evaluates expressions with the engine n8n 2.41 runs: `vm` (isolated-vm, n8n's default for
 * N8N_EXPRESSION_ENGINE), started as n8n's CLI starts it (BaseCommand, with n8n's default settings), so a
 * unit test sees what a user's workflow sees. isolated-vm ships builds for Node 24 (what n8n 2.41 needs)
 * and newer only: `npm test` runs jest on Node 24 and chooses vm (scripts/unit.sh); a plain jest on Node 20
 * falls back to n8n's `legacy` engine (test/expression-engine.test.ts holds the tier to vm on Node 24).
 * LEVERS_EXPRESSION_ENGINE=vm or =legacy chooses; vm chosen where it cannot load fails the run.
 */
function isolatedVmLoads(): boolean {
	try {
		// Loading it is the test: it throws where it has no build for this Node.
		createRequire(__filename)('isolated-vm');
		return true;
	} catch {
		return false;
	}
}

const chosen = process.env.LEVERS_EXPRESSION_ENGINE;
const engine =
	chosen === 'vm' || chosen === 'legacy' ? chosen : isolatedVmLoads() ? 'vm' : 'legacy';

beforeAll(async () => {
	if (engine === 'legacy') return Expression.setExpressionEngine('legacy');
	// n8n 2.41's defaults (ExpressionEngineConfig): one bridge, 5 s and 128 MB per evaluation.
	await Expression.initExpressionEngine({
		engine: 'vm',
		poolSize: 1,
		maxCodeCacheSize: 1024,
		bridgeTimeout: 5000,
		bridgeMemoryLimit: 128,
		lazyAcquire: false,
		compileCache: false,
	});
	if (Expression.getActiveImplementation() !== 'vm')
		throw new Error('the vm expression engine did not start');
});

afterAll(async () => await Expression.disposeExpressionEngine());

export const EXPRESSION_ENGINE = engine;
