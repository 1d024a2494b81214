import type { PackageDirectoryLoader } from 'n8n-core';
import { UnrecognizedNodeTypeError } from 'n8n-core';
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { makeAiToolNodeType, TOOL_SUFFIX } from './ai-tool-node-type';

/**
 * The node types of one loaded package, under their full names ('<package>.<node>') as n8n names them,
 * plus the synthetic '<package>.<node>Tool' types n8n makes for `usableAsTool` nodes, plus any
 * test-only types (e.g. a consumer of tools), served under their description's name.
 */
export class PackageNodeTypes implements INodeTypes {
	private readonly extraTypes: Map<string, INodeType>;
	private readonly toolTypes = new Map<string, INodeType>();

	constructor(
		private readonly loader: PackageDirectoryLoader,
		extraTypes: INodeType[] = [],
	) {
		this.extraTypes = new Map(extraTypes.map((type) => [type.description.name, type]));
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.extraTypes.get(nodeType) ?? this.loader.getNode(this.shortName(nodeType)).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		if (!this.isSyntheticTool(nodeType)) {
			return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		}
		// Made once per type and version and kept, as the CLI does.
		const key = `${nodeType}?version=${version ?? 'default'}`;
		let toolType = this.toolTypes.get(key);
		if (!toolType) {
			const baseName = nodeType.slice(0, -TOOL_SUFFIX.length);
			toolType = makeAiToolNodeType(this.getByNameAndVersion(baseName, version));
			this.toolTypes.set(key, toolType);
		}
		return toolType;
	}

	getKnownTypes(): IDataObject {
		const { packageName, known } = this.loader;
		return Object.fromEntries(
			Object.entries(known.nodes).map(([name, details]) => [`${packageName}.${name}`, details]),
		);
	}

	/** Like the CLI: a name ending in 'Tool' that nothing registers is the tool form of another type. */
	private isSyntheticTool(nodeType: string): boolean {
		if (!nodeType.endsWith(TOOL_SUFFIX) || this.extraTypes.has(nodeType)) return false;
		const prefix = `${this.loader.packageName}.`;
		return !(
			nodeType.startsWith(prefix) && nodeType.slice(prefix.length) in this.loader.known.nodes
		);
	}

	// The loader keys nodes by their short name; n8n prefixes the package name when it registers them.
	private shortName(nodeType: string): string {
		const prefix = `${this.loader.packageName}.`;
		if (!nodeType.startsWith(prefix)) {
			throw new UnrecognizedNodeTypeError(this.loader.packageName, nodeType);
		}
		return nodeType.slice(prefix.length);
	}
}
