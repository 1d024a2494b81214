/** End-to-end tier: a real n8n process (scripts/n8n.sh) with the packed package, against the sandbox. */
module.exports = {
	testEnvironment: 'node',
	reporters: ['default', ['<rootDir>/test/summary-reporter.js', { tier: 'e2e' }]],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
	testTimeout: 60000,
};
