import type { PackageDirectoryLoader } from 'n8n-core';
import { UnrecognizedNodeTypeError } from 'n8n-core';
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** The node types of one loaded package, under their full names ('<package>.<node>') as n8n names them. */
export class PackageNodeTypes implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.loader.getNode(this.shortName(nodeType)).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const { packageName, known } = this.loader;
		return Object.fromEntries(
			Object.entries(known.nodes).map(([name, details]) => [`${packageName}.${name}`, details]),
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
