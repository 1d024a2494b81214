import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{ ignores: ['dist/**', 'node_modules/**', '*.js', 'test/**/*.js'] },
	{
		// zod is this package's one runtime dependency, chosen on purpose: see README, Development.
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		// Tests run in plain Node, not inside n8n: timers, process, child processes (the e2e tier starts n8n)
		// and dev dependencies are theirs to use, and their tokens are made up for the local sandbox.
		files: ['test/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
		},
	},
];
