import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { LeversApi } from '../credentials/LeversApi.credentials';
import { testCredential } from './harness';
import type { StoredCredential } from './harness';
import { ACCESS_TOKEN, CLIENT, NODE_NAME, runLeversCall, useSandbox } from './levers-support';

/**
 * New credentials start in Client ID and Secret; credentials saved in Access Token mode while that was the
 * default keep working. n8n's editor saves a credential through getNodeParameters(properties, data, false,
 * false): a value equal to its default is not stored, so 0.1.0 stored no `authType` for Access Token mode.
 */
const sandbox = useSandbox();
const CALL = { numberToCall: '+96612341234' };
const properties = new LeversApi().properties;

/** What the editor stores for a credential filled in as `filled` (its form starts from the defaults). */
function savedByEditor(filled: INodeParameters, props: INodeProperties[] = properties) {
	const form = { ...NodeHelpers.getNodeParameters(props, {}, true, false, null, null), ...filled };
	return NodeHelpers.getNodeParameters(props, form, false, false, null, null) as INodeParameters;
}

/** The editor's check of whether a field shows, over its form values (defaults filled in, as it does). */
function shows(name: string, stored: INodeParameters): boolean {
	const form = {
		...NodeHelpers.getNodeParameters(properties, {}, true, true, null, null),
		...stored,
	};
	const property = properties.find((candidate) => candidate.name === name) as INodeProperties;
	return NodeHelpers.displayParameter(form, property, null, null);
}

const stored = (data: INodeParameters): StoredCredential => ({
	id: 'cred-saved',
	name: 'Levers (saved)',
	type: 'leversApi',
	data: { ...data, baseUrl: sandbox().url } as StoredCredential['data'],
});

test('a credential saved in Access Token mode by 0.1.0 (no authType stored) still sends its token', async () => {
	// 0.1.0's Authentication defaulted to Access Token, so its editor stored only the token (and the host).
	const legacy = stored({ accessToken: ACCESS_TOKEN });

	const result = await runLeversCall({ parameters: CALL, credential: legacy, items: [{}, {}] });

	expect(result.status).toBe('success');
	expect(sandbox().tokenExchanges()).toHaveLength(0);
	expect(
		sandbox()
			.callRequests()
			.map((request) => [request.headers.authorization, request.status]),
	).toEqual([
		[`Bearer ${ACCESS_TOKEN}`, 201],
		[`Bearer ${ACCESS_TOKEN}`, 201],
	]);
	expect(legacy.data).toEqual({ accessToken: ACCESS_TOKEN, baseUrl: sandbox().url });
});

test("such a credential's Test checks its token, and a refused one names the Access Token only", async () => {
	expect(await testCredential('leversApi', stored({ accessToken: ACCESS_TOKEN }).data)).toEqual({
		status: 'OK',
		message: expect.any(String),
	});
	expect(sandbox().tokenExchanges()).toHaveLength(0);

	const refused = await testCredential('leversApi', stored({ accessToken: 'stale-7f1a' }).data);
	expect(refused).toEqual({
		status: 'Error',
		message: 'Levers did not accept the Access Token — it may have expired: paste a new one',
	});

	const run = await runLeversCall({
		parameters: CALL,
		credential: stored({ accessToken: 'stale-7f1a' }),
	});
	const { description } = run.nodeError(NODE_NAME) as Error & { description?: string };
	expect(description).toContain('Check the Access Token');
	expect(description).not.toContain('Client ID');
});

test('a new credential starts in Client ID and Secret, and the dialog says which mode to pick', () => {
	const form = NodeHelpers.getNodeParameters(properties, {}, true, false, null, null);
	expect(form?.authType).toBe('clientCredentials');
	expect(shows('clientId', {})).toBe(true);
	expect(shows('clientSecret', {})).toBe(true);

	// A notice, visible without hovering, above the choice.
	const notice = properties[0];
	expect(notice.type).toBe('notice');
	expect(notice.displayOptions).toBeUndefined();
	expect(notice.displayName).toContain('Client ID and Secret');
	expect(properties[1].name).toBe('authType');
	// The note about a saved token is for saved tokens only.
	expect(shows('savedModeNotice', {})).toBe(false);
});

test('new credentials saved in either mode run in that mode', async () => {
	const client = savedByEditor(CLIENT);
	expect(client).toEqual(CLIENT); // the mode is the default, so not stored
	await runLeversCall({ parameters: CALL, credential: stored(client) });
	expect(sandbox().tokenExchanges()).toHaveLength(1);

	sandbox().reset();
	const token = savedByEditor({ authType: 'accessToken', accessToken: ACCESS_TOKEN });
	expect(token).toEqual({ authType: 'accessToken', accessToken: ACCESS_TOKEN });
	await runLeversCall({ parameters: CALL, credential: stored(token) });
	expect(sandbox().tokenExchanges()).toHaveLength(0);
	expect(sandbox().callRequests()[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
});

test('opened in the editor, a 0.1.0 token credential says it still uses its token, and re-saving keeps it', async () => {
	// The editor sends a saved secret back as a placeholder, which the server swaps for the stored value.
	const opened = { accessToken: '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6' };
	expect(shows('savedModeNotice', opened)).toBe(true);
	expect(shows('savedModeNotice', { ...opened, clientId: 'typed-in' })).toBe(false);
	expect(shows('savedModeNotice', { ...opened, authType: 'accessToken' })).toBe(false);

	// Saved again untouched (say, renamed): still the token only, so it goes on as before.
	const resaved = savedByEditor({ accessToken: ACCESS_TOKEN });
	expect(resaved).toEqual({ accessToken: ACCESS_TOKEN });
	await runLeversCall({ parameters: CALL, credential: stored(resaved) });
	expect(sandbox().callRequests()[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
});

test('Client ID and Secret filled in over a saved token: the credential now exchanges them', async () => {
	const switched = stored({ accessToken: 'old-token-0d2c', ...CLIENT });

	await runLeversCall({ parameters: CALL, credential: switched });

	expect(sandbox().tokenExchanges()).toHaveLength(1);
	expect(sandbox().callRequests()[0].headers.authorization).not.toBe('Bearer old-token-0d2c');
});
