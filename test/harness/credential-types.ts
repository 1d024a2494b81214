import type { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** The credential types of one loaded package, with the inheritance (`extends`) lookups n8n's CLI does. */
export class PackageCredentialTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	recognizes(typeName: string): boolean {
		return typeName in this.loader.known.credentials;
	}

	getByName(typeName: string): ICredentialType {
		return this.loader.getCredential(typeName).type;
	}

	/** All ancestors, nearest first; types outside this package (e.g. 'oAuth2Api') are listed, not expanded. */
	getParentTypes(typeName: string): string[] {
		if (!this.recognizes(typeName)) return [];
		const parents = this.getByName(typeName).extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}

	/** The type's properties merged over its parents', so defaults come from the whole chain. */
	getProperties(typeName: string): INodeProperties[] {
		if (!this.recognizes(typeName)) return [];
		const type = this.getByName(typeName);
		if (!type.extends) return type.properties;
		const merged: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(merged, this.getProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}
}
