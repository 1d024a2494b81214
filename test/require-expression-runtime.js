/**
 * A jest transform for n8n-workflow's expression.js alone. n8n starts its vm expression engine with
 * `await import('@n8n/expression-runtime')`, which jest's CommonJS runtime refuses without Node's
 * --experimental-vm-modules; here it is the same module through require, so the unit tier starts the engine
 * with n8n's own code, under a plain `jest`.
 */
const DYNAMIC_IMPORT = "await import('@n8n/expression-runtime')";

module.exports = {
	process(source, filename) {
		if (!source.includes(DYNAMIC_IMPORT)) {
			throw new Error(
				`${filename} no longer has ${DYNAMIC_IMPORT}: update test/require-expression-runtime.js`,
			);
		}
		return { code: source.replace(DYNAMIC_IMPORT, "require('@n8n/expression-runtime')") };
	},
};
