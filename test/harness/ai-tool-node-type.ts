import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, UserError } from 'n8n-workflow';

/** The suffix n8n's CLI gives the type it makes for a `usableAsTool` node: 'leversCall' → 'leversCallTool'. */
export const TOOL_SUFFIX = 'Tool';

/**
 * The `<node>Tool` type as n8n 2.41's CLI makes it at run time (NodeTypes.getByNameAndVersion plus
 * convertNodeToAiTool): a clone whose `execute` is the base node's own, with a description that has
 * no inputs, one `ai_tool` output and a `toolDescription` parameter defaulting to the node's description.
 */
export function makeAiToolNodeType(base: INodeType): INodeType {
	const { description } = base;
	if (typeof base.supplyData === 'function') {
		throw new UserError(`Node "${description.name}" already has a \`supplyData\` method`);
	}
	if (!description.usableAsTool) {
		throw new UserError(`Node "${description.name}" cannot be used as a tool`);
	}
	const toolDescription: INodeTypeDescription = Object.create(description, {
		name: { value: description.name + TOOL_SUFFIX, enumerable: true },
		displayName: { value: `${description.displayName} ${TOOL_SUFFIX}`, enumerable: true },
		inputs: { value: [], enumerable: true },
		outputs: { value: [NodeConnectionTypes.AiTool], enumerable: true },
		usableAsTool: { value: undefined, enumerable: true },
		properties: { value: withToolDescription(description), enumerable: true },
	});
	return Object.create(base, { description: { value: toolDescription } }) as INodeType;
}

/**
 * Adds the "Description" the model reads, after the last callout, as the CLI does; a node with a
 * resource or operation also gets the auto/manual switch in front of it.
 */
function withToolDescription(description: INodeTypeDescription): INodeProperties[] {
	const properties = [...description.properties];
	if (properties.some((property) => property.name === 'toolDescription')) return properties;

	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		typeOptions: { rows: 2 },
		description: 'Explain to the LLM what this tool does',
	};
	const added = [toolDescription];
	if (properties.some((property) => ['resource', 'operation'].includes(property.name))) {
		toolDescription.displayOptions = { show: { descriptionType: ['manual'] } };
		added.unshift({
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Set Automatically', value: 'auto' },
				{ name: 'Set Manually', value: 'manual' },
			],
			default: 'auto',
		});
	}
	const lastCallout = properties.map((property) => property.type).lastIndexOf('callout');
	properties.splice(lastCallout + 1, 0, ...added);
	return properties;
}
