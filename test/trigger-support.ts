import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Logger,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './harness/additional-data';
import { PackageCredentialTypes } from './harness/credential-types';
import { HarnessCredentialsHelper } from './harness/credentials-helper';
import { PackageNodeTypes } from './harness/node-types';
import { loadPackage } from './harness/package-loader';
import type { StoredCredential } from './harness/types';

/**
 * The part of n8n's webhook server the Levers Trigger meets, on a real socket: POST /webhook/... reads the
 * raw body as n8n does (rawBody Buffer, JSON body), calls the node's webhook() through n8n-core's real
 * WebhookContext with the workflow's static data kept between requests, and answers the way n8n does for
 * responseMode onReceived. Started executions are recorded instead of run.
 */

export const TRIGGER_NAME = 'Levers Trigger';
export const TRIGGER_TYPE = 'n8n-nodes-levers.leversTrigger';

export interface Answered {
	status: number;
	body: unknown;
}

/** What the real express Response offers the node: status() and json(). */
function expressLikeResponse(res: ServerResponse) {
	const shim = {
		status(code: number) {
			res.statusCode = code;
			return shim;
		},
		json(body: unknown) {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(body));
			return shim;
		},
		get headersSent() {
			return res.headersSent;
		},
	};
	return shim;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** n8n's logger is one per process (silent in tests): every open server hears the warnings logged. */
const warningListeners = new Set<string[]>();
const listenedLoggers = new WeakSet<Logger>();
function listenToWarnings(logger: Logger): void {
	if (listenedLoggers.has(logger)) return;
	listenedLoggers.add(logger);
	const warn = logger.warn.bind(logger);
	logger.warn = (message, meta) => {
		for (const warnings of warningListeners) warnings.push(message);
		warn(message, meta);
	};
}

export function triggerNode(parameters: INodeParameters, credential: StoredCredential): INode {
	return {
		id: 'levers-trigger-node',
		name: TRIGGER_NAME,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: '5d0b0000-0000-4000-8000-00000000beef',
		credentials: { leversApi: { id: credential.id, name: credential.name } },
	};
}

let started = 0;

export class TriggerServer {
	readonly url: string;
	/** Items of each execution the trigger started, in order. */
	readonly executions: INodeExecutionData[][] = [];
	/** Warnings n8n's logger received while this server was open. */
	readonly warnings: string[] = [];
	private constructor(
		private readonly server: Server,
		private readonly workflow: Workflow,
		private readonly additionalData: () => IWorkflowExecuteAdditionalData,
	) {
		const { port } = server.address() as { port: number };
		this.url = `http://127.0.0.1:${port}/webhook/${this.node().webhookId}/webhook`;
		warningListeners.add(this.warnings);
	}

	/** The workflow's static data as n8n would have it now (saved, in the n8n-like mode). */
	get staticData(): IDataObject {
		return this.saved ?? this.workflow.staticData;
	}

	/**
	 * With `likeN8n`, static data is handled as n8n's live webhooks do: read afresh for each request and, if
	 * the node changed it, written back whole after the node returned (after its answer), a little later, as
	 * a database write is. Without it, one object is shared by all requests.
	 */
	private saved: IDataObject | undefined;
	static readonly SAVE_LATENCY_MS = 50;

	static async start(
		parameters: INodeParameters,
		credential: StoredCredential,
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
		{ likeN8n = false } = {},
	): Promise<TriggerServer> {
		const loader = await loadPackage();
		const workflow = new Workflow({
			// Its own id: the node remembers handled ids per workflow in this process too.
			id: `trigger-workflow-${++started}`,
			nodes: [triggerNode(parameters, credential)],
			connections: {},
			nodeTypes: new PackageNodeTypes(loader),
			active: true,
			staticData: {},
		});
		const helper = new HarnessCredentialsHelper(new PackageCredentialTypes(loader), [credential]);
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const endpoint = new TriggerServer(server, workflow, () => ({
			...createAdditionalData(helper),
			...extra,
		}));
		if (likeN8n) endpoint.saved = {};
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			endpoint.handle(req, res).catch((error: Error) => {
				res.statusCode = 500;
				res.end(JSON.stringify({ error: `webhook() threw: ${error.message}` }));
			});
		});
		return endpoint;
	}

	node(): INode {
		return this.workflow.getNode(TRIGGER_NAME) as INode;
	}

	async post(headers: Record<string, string>, body: string | Buffer): Promise<Answered> {
		const response = await fetch(this.url, { method: 'POST', headers, body });
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// kept as text
		}
		return { status: response.status, body: parsed };
	}

	close(): Promise<void> {
		warningListeners.delete(this.warnings);
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	/** The workflow as n8n loads it for one request: static data read from what was last saved. */
	private loadedWorkflow(): Workflow {
		return new Workflow({
			id: this.workflow.id,
			nodes: [this.node()],
			connections: {},
			nodeTypes: this.workflow.nodeTypes,
			active: true,
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawBody = await readBody(req);
		// As n8n's body parser: the bytes are kept, JSON is parsed when the content type says so.
		let body: unknown = {};
		if ((req.headers['content-type'] ?? '').includes('json')) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = {};
			}
		}
		const request = Object.assign(req, {
			rawBody,
			readRawBody: async () => {},
			body,
			query: {},
			params: {},
		});
		const node = this.node();
		const nodeType = this.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = nodeType.description.webhooks![0];
		const additionalData = {
			...this.additionalData(),
			httpRequest: request,
			httpResponse: expressLikeResponse(res),
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const workflow = this.saved ? this.loadedWorkflow() : this.workflow;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		listenToWarnings(context.logger);
		// As n8n's live webhooks: with the vm expression engine, webhook() runs holding an isolate.
		const result: IWebhookResponseData = await workflow.expression.withIsolate(
			async () => await nodeType.webhook!.call(context),
		);
		if (result.workflowData) this.executions.push(result.workflowData[0]);
		if (this.saved && workflow.staticData.__dataChanged === true) {
			await new Promise((resolve) => setTimeout(resolve, TriggerServer.SAVE_LATENCY_MS));
			this.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
		if (!result.noWebhookResponse && !res.headersSent) {
			// n8n's answer for onReceived: the node's response, else "Workflow was started".
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(result.webhookResponse ?? { message: 'Workflow was started' }));
		}
	}
}
