import { config } from '@n8n/node-cli/eslint';

// The tests' own lint configuration (found first for files under test/; see "lint" in package.json): n8n's
// rules, less those meant for code running inside n8n. Tests run in plain Node: timers, process, child
// processes (the e2e tier starts n8n) and dev dependencies are theirs to use, and their tokens are made up
// for the local sandbox.
export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
		},
	},
];
