import type {
	EngineRequest,
	EngineResponse,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITaskData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { ZodObject, ZodRawShape, ZodTypeAny } from 'zod';

/**
 * Test-only node types that use a connected tool the two ways n8n 2.41 does, so the package's
 * `<node>Tool` can be exercised through n8n-core's real engine without a language model. Each is
 * given the arguments a model would send (`toolCalls`, a JSON array of argument objects) and
 * outputs one item: the tool as the model sees it, and what came back from each call.
 */

export const HARNESS_PACKAGE = 'n8n-nodes-harness';
export const PASS_THROUGH_TYPE = `${HARNESS_PACKAGE}.passThrough`;
/** The older direct path (AI Agent 1.x/2.x, MCP Server Trigger): `tool.invoke(args)`. */
export const DIRECT_CONSUMER_TYPE = `${HARNESS_PACKAGE}.directToolConsumer`;
/** The AI Agent 3.1 path: the consumer asks the engine to run the tool node, then is resumed. */
export const AGENT_CONSUMER_TYPE = `${HARNESS_PACKAGE}.agentToolConsumer`;

/** What a consumer gets from `getInputConnectionData('ai_tool')` for a node used as a tool (a LangChain tool). */
interface ConnectedTool {
	name: string;
	description: string;
	schema: ZodObject<ZodRawShape>;
	metadata?: { sourceNodeName?: string };
	invoke(args: IDataObject): Promise<unknown>;
}

export interface ToolView {
	name: string;
	description: string;
	sourceNodeName?: string;
	/** Per argument: its type ('string', 'number', ...), its description, and whether the model may omit it. */
	schema: Record<string, { type: string; description?: string; optional: boolean }>;
}

export interface DirectCallResult {
	args: IDataObject;
	/** What `invoke` resolved with: the JSON string of the tool node's output items. */
	result?: string;
	/** What `invoke` rejected with. */
	error?: string;
}

export interface AgentObservation {
	id: string;
	args: IDataObject;
	/** The tool node run's status as the engine recorded it. */
	status?: string;
	/** The tool message the model would get, built as AI Agent 3.1 builds it. */
	observation: string;
}

const toolCallsProperty = {
	displayName: 'Tool Calls',
	name: 'toolCalls',
	type: 'json',
	default: '[]',
	description: 'The arguments of each call, as a model would send them',
} as const;

function consumerDescription(
	name: string,
	displayName: string,
	extraProperties: INodeTypeDescription['properties'] = [],
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description: `${displayName} (test only)`,
		defaults: { name: displayName },
		inputs: [
			NodeConnectionTypes.Main,
			{ type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true, maxConnections: 1 },
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [toolCallsProperty, ...extraProperties],
	};
}

async function connectedTool(context: IExecuteFunctions): Promise<ConnectedTool> {
	const connected = (await context.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as
		| ConnectedTool[]
		| ConnectedTool;
	return Array.isArray(connected) ? connected[0] : connected;
}

function toolCalls(context: IExecuteFunctions): IDataObject[] {
	const value = context.getNodeParameter('toolCalls', 0) as string | IDataObject[];
	return typeof value === 'string' ? (JSON.parse(value) as IDataObject[]) : value;
}

/** zod 3's own type names, without the wrappers a default, `.optional()` or a refinement adds. */
function zodType(field: ZodTypeAny): string {
	const def = field._def as { typeName: string; innerType?: ZodTypeAny; schema?: ZodTypeAny };
	const inner = def.innerType ?? def.schema;
	if (inner) return zodType(inner);
	return def.typeName.replace(/^Zod/, '').toLowerCase();
}

export function viewTool(tool: ConnectedTool): ToolView {
	const schema: ToolView['schema'] = {};
	for (const [key, field] of Object.entries(tool.schema.shape) as Array<[string, ZodTypeAny]>) {
		schema[key] = {
			type: zodType(field),
			description: field.description,
			optional: field.isOptional(),
		};
	}
	return {
		name: tool.name,
		description: tool.description,
		sourceNodeName: tool.metadata?.sourceNodeName,
		schema,
	};
}

/** Starts a flow: hands its input on unchanged (the agent path needs a parent on `main`). */
export const passThroughNodeType: INodeType = {
	description: {
		displayName: 'Pass Through',
		name: PASS_THROUGH_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Outputs its input (test only)',
		defaults: { name: 'Start' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	},
};

/** Invokes the tool once per entry of `toolCalls`, one after another, catching what each throws. */
export const directConsumerNodeType: INodeType = {
	description: consumerDescription(DIRECT_CONSUMER_TYPE, 'Direct Tool Consumer'),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tool = await connectedTool(this);
		const results: DirectCallResult[] = [];
		for (const args of toolCalls(this)) {
			try {
				results.push({ args, result: (await tool.invoke(args)) as string });
			} catch (error) {
				results.push({ args, error: (error as Error).message });
			}
		}
		return [[{ json: { tool: viewTool(tool), results } as unknown as IDataObject }]];
	},
};

interface AgentMetadata {
	nextCall: number;
	observations: AgentObservation[];
}

/** What AI Agent 3.1 tells the model about one tool run: its ai_tool items' JSON, or the error message. */
function observe(data: ITaskData | undefined): string {
	const items = data?.data?.[NodeConnectionTypes.AiTool]?.[0]?.map((item) => item?.json);
	if (items && items.length > 0) return JSON.stringify(items);
	if (data?.error) return JSON.stringify({ error: data.error.message, errorType: data.error.name });
	return JSON.stringify('');
}

/**
 * Asks the engine for the next `callsPerTurn` tool calls per execute, as AI Agent 3.1 does for a
 * model reply with that many tool calls: the engine runs the tool node once per call (an ordinary
 * node run, with the call's arguments as its input item) and resumes this node with the task data.
 */
export const agentConsumerNodeType: INodeType = {
	description: consumerDescription(AGENT_CONSUMER_TYPE, 'Agent Tool Consumer', [
		{
			displayName: 'Calls per Turn',
			name: 'callsPerTurn',
			type: 'number',
			default: 1,
			description: 'How many tool calls each model reply carries',
		},
	]),
	async execute(
		this: IExecuteFunctions,
		response?: EngineResponse<Partial<AgentMetadata>>,
	): Promise<INodeExecutionData[][] | EngineRequest<AgentMetadata>> {
		// The agent reads the tools on every turn: that is where the model's view of them comes from.
		const tool = await connectedTool(this);
		const calls = toolCalls(this);
		// The first run gets an empty response too: no actions answered, no metadata.
		const { nextCall = 0, observations: earlier = [] } = response?.metadata ?? {};
		const observations = [
			...earlier,
			...(response?.actionResponses ?? []).map(({ action, data }) => ({
				id: action.id,
				args: action.input,
				status: data.executionStatus,
				observation: observe(data),
			})),
		];
		if (nextCall < calls.length) {
			const turn = calls.slice(
				nextCall,
				nextCall + (this.getNodeParameter('callsPerTurn', 0) as number),
			);
			return {
				actions: turn.map((input, index) => ({
					actionType: 'ExecutionNodeAction' as const,
					nodeName: tool.metadata?.sourceNodeName ?? '',
					input,
					type: NodeConnectionTypes.AiTool,
					id: `call_${nextCall + index + 1}`,
					metadata: { itemIndex: 0 } as unknown as AgentMetadata,
				})),
				metadata: { nextCall: nextCall + turn.length, observations },
			};
		}
		return [[{ json: { tool: viewTool(tool), observations } as unknown as IDataObject }]];
	},
};

export const toolConsumerNodeTypes: INodeType[] = [
	passThroughNodeType,
	directConsumerNodeType,
	agentConsumerNodeType,
];
