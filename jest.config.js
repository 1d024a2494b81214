/** Unit tier: workflows run in-process through n8n-core against the local Levers sandbox. */
module.exports = {
	testEnvironment: 'node',
	reporters: ['default', ['<rootDir>/test/summary-reporter.js', { tier: 'unit' }]],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setup.ts'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	testTimeout: 30000,
};
