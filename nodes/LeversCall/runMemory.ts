import type { IContextObject, IExecuteFunctions } from 'n8n-workflow';

import type { DeliveryOutcome } from './sender';

/** What an earlier try of this node run learnt about an item, kept to report it again. */
export interface Remembered {
	outcome: DeliveryOutcome;
	statusCode?: number;
	message?: string;
	description?: string;
}

interface Stored {
	/** Per node run (runIndex), per item: what happened to it. */
	runs: Record<string, Record<string, Remembered>>;
	/** Calls placed (or that may have been) by this node in the whole execution. */
	calls: number;
}

const KEY = 'leversCalls';

/**
 * The node's memory in the execution (node context), which n8n keeps when Retry On Fail runs the node again:
 * an item placed (or that may have been) by an earlier try is reported again, never sent again. Keyed by the
 * node's run, so that inside Loop Over Items every batch (item 0 of a new run) is still called.
 */
export class RunMemory {
	private readonly stored: Stored;
	private readonly run: Record<string, Remembered>;

	constructor(context: IExecuteFunctions) {
		// Contexts without node context (none known today) get a memory for this run only.
		const nodeContext: IContextObject =
			typeof context.getContext === 'function' ? context.getContext('node') : {};
		const stored = (nodeContext[KEY] ??= { runs: {}, calls: 0 }) as Stored;
		const runIndex = String(context.getWorkflowDataProxy(0).$runIndex ?? 0);
		this.stored = stored;
		this.run = stored.runs[runIndex] ??= {};
	}

	recall(itemIndex: number): Remembered | undefined {
		const remembered = this.run[itemIndex];
		// A failed item placed nothing: a new try may send it.
		return remembered?.outcome === 'failed' ? undefined : remembered;
	}

	remember(itemIndex: number, remembered: Remembered): void {
		this.run[itemIndex] = remembered;
	}

	/** The item never went out after all (the run stopped before its request was sent again). */
	forget(itemIndex: number): void {
		delete this.run[itemIndex];
	}

	/** Takes a place under the execution's call limit before sending; false when none is left. */
	reserveCall(limit: number): boolean {
		if (limit > 0 && this.stored.calls >= limit) return false;
		this.stored.calls++;
		return true;
	}

	/** Gives the place back when the request placed nothing. */
	releaseCall(): void {
		this.stored.calls = Math.max(0, this.stored.calls - 1);
	}

	get callsThisExecution(): number {
		return this.stored.calls;
	}
}
