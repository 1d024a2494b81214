/** Unit tier: workflows run in-process through n8n-core against the local Levers sandbox. */
module.exports = {
	testEnvironment: 'node',
	reporters: ['default', ['<rootDir>/test/summary-reporter.js', { tier: 'unit' }]],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
		'n8n-workflow/dist/cjs/expression\\.js$': '<rootDir>/test/require-expression-runtime.js',
	},
	transformIgnorePatterns: ['/node_modules/(?!n8n-workflow/dist/cjs/expression\\.js$)'],
	setupFiles: ['<rootDir>/test/setup.ts'],
	// The expression engine n8n runs (vm), where isolated-vm loads.
	setupFilesAfterEnv: ['<rootDir>/test/expression-engine.ts'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	testTimeout: 30000,
};
