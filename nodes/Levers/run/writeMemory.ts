import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** What an earlier try of this node run did with an item's write. */
export type RememberedWrite =
	| { outcome: 'done'; json: IDataObject[] }
	| { outcome: 'unknown'; message?: string; description?: string };

/**
 * The writes of a node run, kept in the execution's node context, which n8n keeps when Retry On Fail runs the
 * node again: a write that landed is answered with what Levers returned then, one that may have landed is
 * reported again; neither is sent again. Keyed by the node's run, so every loop iteration still writes.
 */
export class WriteMemory {
	private readonly items: Record<string, RememberedWrite>;

	constructor(context: IExecuteFunctions) {
		const byRun = (context.getContext('node').leversWrites ??= {}) as Record<
			string,
			Record<string, RememberedWrite>
		>;
		this.items = byRun[String(context.getWorkflowDataProxy(0).$runIndex ?? 0)] ??= {};
	}

	recall(itemIndex: number): RememberedWrite | undefined {
		return this.items[itemIndex];
	}

	remember(itemIndex: number, write: RememberedWrite | undefined): void {
		// A write that failed changed nothing: a new try may send it.
		if (write) this.items[itemIndex] = write;
		else delete this.items[itemIndex];
	}
}
