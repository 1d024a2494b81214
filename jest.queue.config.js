/**
 * Queue-mode tier: n8n's main, two webhook processors and two workers over Postgres and Redis
 * (scripts/queue-test.sh starts those), started once for every file by test/queue/global-setup.ts.
 */
module.exports = {
	testEnvironment: 'node',
	reporters: ['default', ['<rootDir>/test/summary-reporter.js', { tier: 'queue' }]],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	testMatch: ['<rootDir>/test/queue/**/*.queue.ts'],
	globalSetup: '<rootDir>/test/queue/global-setup.ts',
	globalTeardown: '<rootDir>/test/queue/global-teardown.ts',
	testTimeout: 120000,
};
