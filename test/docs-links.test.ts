import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { LeversApi } from '../credentials/LeversApi.credentials';
import { LeversCall } from '../nodes/LeversCall/LeversCall.node';
import { LeversTrigger } from '../nodes/LeversTrigger/LeversTrigger.node';

/**
 * The Docs links n8n's editor shows open the README at the right section. n8n 2.41's editor (NodeSettings)
 * takes a node's `documentationUrl` as it is when it starts with http; otherwise it appends "?utm_…" to the
 * codex's primaryDocumentation URL, which lands after its #anchor and so the page opens at the top. A
 * credential's documentationUrl off docs.n8n.io is taken as it is.
 */
const ROOT = path.resolve(__dirname, '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
const anchors = new Set(
	[...README.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
		heading
			.toLowerCase()
			.replace(/[^\p{L}\p{N} -]/gu, '')
			.replace(/ /g, '-'),
	),
);

/** What n8n 2.41's editor opens for a node's Docs link (its docsUrl, read from the shipped bundle). */
function editorDocsUrl(node: INodeType, codexFile: string): string {
	const { documentationUrl, name } = node.description;
	if (documentationUrl?.startsWith('http')) return documentationUrl;
	const codex = JSON.parse(readFileSync(path.join(ROOT, codexFile), 'utf8'));
	const utm = new URLSearchParams({ utm_source: 'n8n_app', utm_campaign: name });
	return `${codex.resources.primaryDocumentation[0].url}?${utm.toString()}`;
}

test.each([
	['Levers Call', new LeversCall(), 'nodes/LeversCall/LeversCall.node.json', 'levers-call'],
	[
		'Levers Trigger',
		new LeversTrigger(),
		'nodes/LeversTrigger/LeversTrigger.node.json',
		'receiving-call-results',
	],
])('%s: the Docs link opens the README at its section', (_name, node, codexFile, anchor) => {
	const url = new URL(editorDocsUrl(node, codexFile));

	expect(url.hash).toBe(`#${anchor}`);
	expect(anchors).toContain(anchor);
	// The codex says the same, for anything else that reads it.
	const codex = JSON.parse(readFileSync(path.join(ROOT, codexFile), 'utf8'));
	expect(codex.resources.primaryDocumentation[0].url).toBe(node.description.documentationUrl);
});

test("the credential's link opens the README at Credentials", () => {
	const url = new URL(new LeversApi().documentationUrl);

	expect(url.hostname).not.toBe('docs.n8n.io');
	expect(url.hash).toBe('#credentials');
	expect(anchors).toContain('credentials');
});
