import { startCluster } from './queue-setup';

export default async function globalSetup(): Promise<void> {
	await startCluster();
}
