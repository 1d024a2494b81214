// tsc compiles the TypeScript; this copies what n8n loads beside it: icons and codex (.node.json) files.
const { rmSync } = require('node:fs');
const { src, dest } = require('gulp');

// A file removed from the sources must not live on in dist/ and be shipped.
async function clean() {
	rmSync('dist', { recursive: true, force: true });
}

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = copyAssets;
