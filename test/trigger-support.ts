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

export class TriggerServer {
	readonly url: string;
	/** Items of each execution the trigger started, in order. */
	readonly executions: INodeExecutionData[][] = [];
	readonly staticData: IDataObject;
	private constructor(
		private readonly server: Server,
		private readonly workflow: Workflow,
		private readonly additionalData: () => IWorkflowExecuteAdditionalData,
	) {
		const { port } = server.address() as { port: number };
		this.url = `http://127.0.0.1:${port}/webhook/${this.node().webhookId}/webhook`;
		this.staticData = workflow.staticData;
	}

	static async start(
		parameters: INodeParameters,
		credential: StoredCredential,
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): Promise<TriggerServer> {
		const loader = await loadPackage();
		const workflow = new Workflow({
			id: 'trigger-workflow',
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
		return new Promise((resolve) => this.server.close(() => resolve()));
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
		const context = new WebhookContext(
			this.workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		// As n8n's live webhooks: with the vm expression engine, webhook() runs holding an isolate.
		const result: IWebhookResponseData = await this.workflow.expression.withIsolate(
			async () => await nodeType.webhook!.call(context),
		);
		if (result.workflowData) this.executions.push(result.workflowData[0]);
		if (!result.noWebhookResponse && !res.headersSent) {
			// n8n's answer for onReceived: the node's response, else "Workflow was started".
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(result.webhookResponse ?? { message: 'Workflow was started' }));
		}
	}
}
