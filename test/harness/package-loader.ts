import { existsSync } from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';

/** The package under test: loaded from its built `dist/`, as n8n loads an installed community package. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const loaders = new Map<string, Promise<PackageDirectoryLoader>>();

/** Loads a community package once per directory: requiring every node and credential is the slow part. */
export async function loadPackage(packageDir: string = REPO_ROOT): Promise<PackageDirectoryLoader> {
	const directory = path.resolve(packageDir);
	let loading = loaders.get(directory);
	if (!loading) {
		loading = createLoader(directory);
		loaders.set(directory, loading);
		// A failed load (say, dist/ not built yet) must not poison later attempts.
		loading.catch(() => loaders.delete(directory));
	}
	return await loading;
}

async function createLoader(directory: string): Promise<PackageDirectoryLoader> {
	const loader = new PackageDirectoryLoader(directory);
	const { n8n } = loader.packageJson;
	const declared = [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !existsSync(path.join(directory, file)));
	if (declared.length === 0 || missing.length > 0) {
		throw new Error(
			`Cannot load ${loader.packageName} from ${directory}: ` +
				(missing.length > 0
					? `missing ${missing.join(', ')}`
					: 'its package.json declares no nodes') +
				'. Build it first (npm run build).',
		);
	}
	await loader.loadAll();
	return loader;
}
