import type { INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runWorkflow } from './harness';
import type { StoredCredential, WorkflowRunResult } from './harness';
import { LeversSandbox } from './sandbox/levers-sandbox';

/** What the node tests share: a Levers Call node, credentials for the sandbox, and one way to run them. */

export const NODE_NAME = 'Levers Call';
export const ACCESS_TOKEN = 'unit-access-token-4f9c2b7e';
export const CLIENT = { clientId: 'unit-client', clientSecret: 'unit-secret-8d1e6a3f' };

/** One sandbox per test file, emptied before each test; call it at the top of the file. */
export function useSandbox(): () => LeversSandbox {
	let sandbox: LeversSandbox | undefined;
	beforeAll(async () => {
		sandbox = await LeversSandbox.start({ accessTokens: [ACCESS_TOKEN], clients: [CLIENT] });
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox?.reset());
	return () => sandbox as LeversSandbox;
}

export function accessTokenCredential(
	sandbox: LeversSandbox,
	accessToken = ACCESS_TOKEN,
): StoredCredential {
	return {
		id: 'cred-access-token',
		name: 'Levers (token)',
		type: 'leversApi',
		data: { authType: 'accessToken', accessToken, baseUrl: sandbox.url },
	};
}

export function clientCredential(
	sandbox: LeversSandbox,
	clientSecret = CLIENT.clientSecret,
): StoredCredential {
	return {
		id: 'cred-client',
		name: 'Levers (client)',
		type: 'leversApi',
		data: {
			authType: 'clientCredentials',
			clientId: CLIENT.clientId,
			clientSecret,
			sessionToken: '',
			baseUrl: sandbox.url,
		},
	};
}

export function leversCallNode(
	parameters: INodeParameters,
	credential: StoredCredential,
	settings: Partial<INode> = {},
): INode {
	return {
		id: 'levers-call-node',
		name: NODE_NAME,
		type: 'n8n-nodes-levers.leversCall',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { leversApi: { id: credential.id, name: credential.name } },
		...settings,
	};
}

export interface CallRun {
	parameters: INodeParameters;
	credential: StoredCredential;
	items?: Array<Record<string, unknown>>;
	continueOnFail?: boolean;
}

export async function runLeversCall(run: CallRun): Promise<WorkflowRunResult> {
	const node = leversCallNode(
		run.parameters,
		run.credential,
		run.continueOnFail ? { onError: 'continueRegularOutput' } : {},
	);
	const inputItems: INodeExecutionData[] = (run.items ?? [{}]).map((json) => ({
		json: json as never,
	}));
	return await runWorkflow({ nodes: [node], inputItems, credentials: [run.credential] });
}

/** Name/value rows as the fixedCollection stores them. */
export function rows(values: Record<string, unknown>): INodeParameters {
	return {
		values: Object.entries(values).map(([name, value]) => ({ name, value })),
	} as INodeParameters;
}

/** Everything a run left behind that a person or a log could see. */
export function visibleText(result: WorkflowRunResult): string {
	const error = result.nodeError(NODE_NAME) as (Error & { description?: string }) | undefined;
	return JSON.stringify({
		runData: result.runData,
		error: error && { message: error.message, description: error.description, json: error },
	});
}
