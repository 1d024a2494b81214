/** Works through the items with at most `concurrency` of them in flight at once, like the node's own pool. */
export async function inFlight<T>(
	items: T[],
	concurrency: number,
	work: (item: T, index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			await work(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}
