import type { INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { makeAiToolNodeType } from './harness/ai-tool-node-type';
import { PackageNodeTypes } from './harness/node-types';
import { loadPackage } from './harness/package-loader';
import { passThroughNodeType, PASS_THROUGH_TYPE } from './harness/tool-consumers';

/** The harness makes '<node>Tool' the way n8n 2.41's CLI does, so tool-mode tests see what n8n runs. */

async function nodeTypes(): Promise<PackageNodeTypes> {
	return new PackageNodeTypes(await loadPackage(), [passThroughNodeType]);
}

test('leversCallTool is Levers Call with no inputs, an ai_tool output and a Description that defaults to the node description', async () => {
	const types = await nodeTypes();
	const base = types.getByNameAndVersion('n8n-nodes-levers.leversCall', 1);
	const tool = types.getByNameAndVersion('n8n-nodes-levers.leversCallTool', 1);

	expect(tool.description).toMatchObject({
		name: 'leversCallTool',
		displayName: 'Levers Call Tool',
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
	});
	expect(tool.description.usableAsTool).toBeUndefined();
	expect(tool.execute).toBe(base.execute);
	const toolDescription = tool.description.properties.find(
		(property) => property.name === 'toolDescription',
	);
	expect(toolDescription).toMatchObject({
		type: 'string',
		required: true,
		default: base.description.description,
	});
	// Levers Call has an operation, so n8n puts the auto/manual switch first and shows Description on "manual".
	expect(tool.description.properties.slice(0, 2).map((property) => property.name)).toEqual([
		'descriptionType',
		'toolDescription',
	]);
	expect(toolDescription?.displayOptions).toEqual({ show: { descriptionType: ['manual'] } });
	// Every parameter of the node is still there, in order, and the base node is left as it was.
	expect(
		tool.description.properties.filter(
			(property) => !['descriptionType', 'toolDescription'].includes(property.name),
		),
	).toEqual(base.description.properties);
	expect(base.description).toMatchObject({ name: 'leversCall', usableAsTool: true });
	expect(types.getByNameAndVersion('n8n-nodes-levers.leversCallTool', 1)).toBe(tool);
});

test('a node with an operation gets the auto/manual description switch, placed after the last callout', () => {
	const base: INodeType = {
		description: {
			displayName: 'Widget',
			name: 'widget',
			group: ['transform'],
			version: 1,
			description: 'Does widget things',
			defaults: { name: 'Widget' },
			usableAsTool: true,
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{ displayName: 'Note', name: 'note', type: 'callout', default: '' },
				{ displayName: 'Operation', name: 'operation', type: 'options', options: [], default: '' },
			],
		},
	};
	const names = makeAiToolNodeType(base).description.properties.map((property) => property.name);
	expect(names).toEqual(['note', 'descriptionType', 'toolDescription', 'operation']);
});

test('a type that is not usableAsTool, or has supplyData, cannot be made into a tool, as in n8n', async () => {
	const types = await nodeTypes();
	expect(() => types.getByNameAndVersion(`${PASS_THROUGH_TYPE}Tool`, 1)).toThrow(
		'cannot be used as a tool',
	);
	const withSupplyData: INodeType = {
		...passThroughNodeType,
		description: { ...passThroughNodeType.description, usableAsTool: true },
		supplyData: async () => ({ response: undefined }),
	};
	expect(() => makeAiToolNodeType(withSupplyData)).toThrow('already has a `supplyData` method');
});

test('test-only node types are served beside the package under their own names', async () => {
	const types = await nodeTypes();
	expect(types.getByNameAndVersion(PASS_THROUGH_TYPE, 1)).toBe(passThroughNodeType);
	expect(() => types.getByNameAndVersion('n8n-nodes-harness.missing', 1)).toThrow();
});
