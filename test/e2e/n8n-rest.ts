import { post } from '../sandbox/webhook-delivery';
import { eventually } from './n8n-process';

/**
 * The owner's side of a real n8n: the account a new instance asks for, and its REST API (executions,
 * data tables), as the editor uses it. Shared by the e2e tier and the queue tier.
 */

export interface ExecutionSummary {
	id: string;
	status: string;
	workflowId: string;
}

export interface OwnerSession {
	url: string;
	rest<T>(route: string, init?: RequestInit): Promise<T>;
	executionsOf(workflowId: string): Promise<ExecutionSummary[]>;
	/** The execution's run data as text (n8n keeps it "flatted"): enough to look for values and node names. */
	executionText(id: string): Promise<string>;
}

/** Polls until `holds`; it lives beside the process helpers, which the queue tier shares. */
export { eventually };

/**
 * n8n reports ready before it has registered the published workflows' webhooks: an unsigned POST to a
 * Levers Trigger answers 404 until then, and the trigger's own 401 after (no execution either way).
 */
export async function triggerRegistered(triggerUrl: string): Promise<void> {
	const registered = await eventually(
		() => post(triggerUrl, { headers: {}, body: '' }),
		(answer) => answer.status !== 404,
	);
	if (registered.status !== 401)
		throw new Error(`trigger not registered: ${registered.responseBody}`);
}

export async function setUpOwner(url: string, email: string): Promise<OwnerSession> {
	const setup = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, firstName: 'E2e', lastName: 'Owner', password: 'Levers-e2e-1' }),
	});
	if (setup.status !== 200) throw new Error(`owner setup: ${setup.status} ${await setup.text()}`);
	const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
	const rest = async <T>(route: string, init: RequestInit = {}): Promise<T> => {
		const response = await fetch(`${url}/rest${route}`, {
			...init,
			headers: { 'content-type': 'application/json', cookie, ...init.headers },
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${route} -> ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	};
	return {
		url,
		rest,
		async executionsOf(workflowId) {
			// Newest first, at most 100 a page: the next page starts below the last id read.
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const all: ExecutionSummary[] = [];
			for (;;) {
				const after = all.length > 0 ? `&lastId=${all[all.length - 1].id}` : '';
				const page = await rest<{ results: ExecutionSummary[] }>(
					`/executions?filter=${filter}&limit=100${after}`,
				);
				all.push(...page.results);
				if (page.results.length < 100) return all;
			}
		},
		async executionText(id) {
			return (await rest<{ data: string }>(`/executions/${id}`)).data;
		},
	};
}
