import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './harness/additional-data';
import { PackageCredentialTypes } from './harness/credential-types';
import { HarnessCredentialsHelper } from './harness/credentials-helper';
import { PackageNodeTypes } from './harness/node-types';
import { workflowData } from './harness/run-workflow';
import { loadPackage } from './harness/package-loader';
import type { StoredCredential } from './harness/types';

/**
 * n8n's wait/resume machinery for one node, in-process and on a real socket, as n8n 2.41 does it
 * (cli/dist/webhooks/waiting-webhooks.js, wait-tracker.js): a run that waits is kept; POST
 * /webhook-waiting/<executionId>/<nodeId>?signature=<resumeToken> disables the waiting node, calls its
 * webhook() through n8n-core's WebhookContext and, when it returns workflowData, runs the rest with
 * forwardAllOutputs; a time limit resumes the unchanged stored data. Runs go through n8n-core's WorkflowExecute.
 */

export interface StoredExecution {
	id: string;
	run: IRun;
	workflow: Workflow;
}

let executionCount = 0;

export class WaitingExecutions {
	readonly baseUrl: string;
	readonly executions = new Map<string, StoredExecution>();
	private credentialsHelper?: HarnessCredentialsHelper;
	private readonly pending = new Set<Promise<void>>();

	private constructor(private readonly server: Server) {
		const { port } = server.address() as { port: number };
		this.baseUrl = `http://127.0.0.1:${port}/webhook-waiting`;
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			this.handle(req, res).catch((error: Error) => {
				res.statusCode = 500;
				res.end(JSON.stringify({ error: error.message }));
			});
		});
	}

	static async start(): Promise<WaitingExecutions> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return new WaitingExecutions(server);
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	/** What n8n's host gives a run: the harness's additional data, with this server as the waiting base. */
	additionalData(
		executionId?: string,
		hooks?: ExecutionLifecycleHooks,
	): IWorkflowExecuteAdditionalData {
		return {
			...createAdditionalData(this.credentialsHelper!, hooks),
			webhookWaitingBaseUrl: this.baseUrl,
			executionId,
		};
	}

	/** Runs the node alone with the given items, as execution `<n>`. */
	async run(node: INode, items: INodeExecutionData[], credentials: StoredCredential[]) {
		const loader = await loadPackage();
		this.credentialsHelper = new HarnessCredentialsHelper(
			new PackageCredentialTypes(loader),
			credentials,
		);
		const workflow = new Workflow({
			id: 'wait-workflow',
			nodes: [structuredClone(node)],
			connections: {},
			nodeTypes: new PackageNodeTypes(loader),
			active: false,
		});
		const id = `${++executionCount}`;
		const data = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: workflow.getNode(node.name)!, data: { main: [items] }, source: null },
				],
			},
		});
		const run = await this.execute(workflow, id, data);
		const stored = { id, run, workflow };
		this.executions.set(id, stored);
		return stored;
	}

	/** The WaitTracker's part: the time limit passed, the stored data runs again unchanged. */
	async timeOut(id: string): Promise<IRun> {
		const stored = this.executions.get(id)!;
		const run = await this.execute(stored.workflow, id, clone(stored.run.data));
		stored.run = run;
		return run;
	}

	private async execute(workflow: Workflow, id: string, data: IRunExecutionData): Promise<IRun> {
		const hooks = new ExecutionLifecycleHooks('webhook', id, workflowData(workflow));
		const finished = new Promise<IRun>((resolve) => {
			hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
		});
		await new WorkflowExecute(
			this.additionalData(id, hooks),
			'webhook',
			data,
		).processRunExecutionData(workflow);
		return await finished;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const reply = (status: number, body: unknown) => {
			res.statusCode = status;
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(body));
		};
		const url = new URL(req.url ?? '/', 'http://waiting.invalid');
		const [, , executionId, suffix] = url.pathname.split('/');
		const stored = this.executions.get(executionId);
		if (!stored) return reply(404, { message: `The execution "${executionId}" does not exist.` });
		if (url.searchParams.get('signature') !== stored.run.data.resumeToken) {
			return reply(401, { error: 'Invalid token' });
		}
		if (stored.run.status !== 'waiting') {
			return reply(409, { message: `The execution "${executionId} has finished already.` });
		}
		const data = clone(stored.run.data);
		const entry = data.executionData!.nodeExecutionStack[0];
		const node = stored.workflow.getNode(entry.node.name)!;
		const nodeType = stored.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = nodeType.description.webhooks?.find((webhook) => webhook.restartWebhook);
		if (req.method !== 'POST' || !description || suffix !== node.id) {
			return reply(404, { message: 'no waiting webhook with a matching path/method' });
		}
		entry.node.disabled = true;
		data.waitTill = undefined;
		data.resultData.runData[entry.node.name].pop();

		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as IDataObject;
		const additionalData = {
			...this.additionalData(executionId),
			httpRequest: { method: 'POST', body, headers: req.headers, query: {}, params: {} },
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: node.id,
			webhookDescription: description,
			workflowId: stored.workflow.id,
			workflowExecuteAdditionalData: additionalData,
		} as IWebhookData;
		const context = new WebhookContext(
			stored.workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			data,
		);
		// As n8n's waiting webhooks: with the vm expression engine, webhook() runs holding an isolate.
		const result = await stored.workflow.expression.withIsolate(
			async () => await nodeType.webhook!.call(context),
		);
		if (!result.workflowData) return reply(200, result.webhookResponse ?? {});
		entry.data.main = result.workflowData;
		entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
		// As n8n: answered once the run has started, finished later.
		const resumed = this.execute(stored.workflow, executionId, data).then((run) => {
			stored.run = run;
		});
		this.pending.add(resumed);
		reply(200, result.webhookResponse ?? { message: 'Workflow was started' });
		await resumed;
		this.pending.delete(resumed);
	}

	/** Resolves when every resumed run has finished. */
	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}
}

/** What the server does with stored data: a JSON round trip (the database). */
function clone(data: IRunExecutionData): IRunExecutionData {
	return JSON.parse(JSON.stringify(data)) as IRunExecutionData;
}
