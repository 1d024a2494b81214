import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { authMode } from '../../credentials/authMode';
import { rememberedError, toLeversApiError, toRefusal } from './errors';
import { toOutputItem } from './outcomes';
import type { ItemResult } from './outcomes';
import { RunMemory } from './runMemory';
import type { Refusal } from './prepare';
import { parseRunOptions } from './runOptions';
import type { RunOptions } from './runOptions';
import { CallSender } from './sender';
import type { Delivery } from './sender';
import { CREDENTIAL_TYPE } from './transport';

/** The node's credential with the data read at the start of the run, for n8n's request helper. */
function sharedCredential(
	context: IExecuteFunctions,
	data: ICredentialDataDecryptedObject,
): ICredentialsDecrypted | undefined {
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	if (!reference?.id) return undefined;
	return { id: reference.id, name: reference.name, type: CREDENTIAL_TYPE, data };
}

/** One POST that places the calls of one or more items. */
export interface CallJob {
	itemIndexes: number[];
	url: string;
	body: IDataObject;
	timeoutMs: number;
	/** Jobs with the same key call the same person: only the first that places is sent (Skip Repeated Numbers). */
	dedupeKey?: string;
	/** The request shown on an item's output; default: the whole body. */
	requestOf?: (itemIndex: number) => IDataObject | undefined;
}

/** The jobs of a run, in input order: a list, or read while the first calls are already out. */
export type CallJobs = Iterable<CallJob> | AsyncIterable<CallJob>;

interface Carrier {
	itemIndex: number;
	/** Whether it placed the call, or may have; false when it placed nothing (or never went out). */
	called: Promise<boolean>;
	finish(called: boolean): void;
}

/**
 * One node run of calls, shared by every operation: the run's options, its memory across Retry On Fail, the
 * execution's call limit, the sender (pacing, rate limits, token renewal), the worker pool, and one result per
 * item, turned into output items in input order.
 */
export class Campaign {
	readonly results: Array<ItemResult | undefined>;
	readonly tool: boolean;
	readonly continueOnFail: boolean;
	private readonly memory: RunMemory;
	private readonly sender: CallSender;
	private readonly carriers = new Map<string, Carrier>();
	/** Set the moment an item fails without Continue On Fail (or the run is cancelled): nothing starts after. */
	private stopped = false;
	/** Dry Run takes places under the call limit as a real run would, and gives them back at the end. */
	private dryRunReserved = 0;

	private constructor(
		readonly context: IExecuteFunctions,
		readonly options: RunOptions,
		readonly credentials: ICredentialDataDecryptedObject,
		itemCount: number,
	) {
		this.results = new Array<ItemResult | undefined>(itemCount);
		// ExecuteContext.isToolExecution() is always false, also when AI Agent 3.x runs the tool as a node:
		// the synthetic `<name>Tool` type is what tells.
		this.tool = context.getNode().type.endsWith('Tool') || context.isToolExecution?.() === true;
		// An AI agent reads failures as results; it never gets a thrown error for a call.
		this.continueOnFail = this.tool || context.continueOnFail();
		this.memory = new RunMemory(context);
		this.sender = new CallSender(context, {
			callsPerMinute: options.callsPerMinute,
			rateLimitAttempts: options.rateLimitAttempts,
			rateLimitMaxWaitMs: options.rateLimitMaxWaitMs,
			renewableToken: authMode(credentials) === 'clientCredentials',
			concurrency: options.concurrency,
			credentials: sharedCredential(context, credentials),
			stopped: () => this.stopped,
		});
	}

	static async start(context: IExecuteFunctions, itemCount: number): Promise<Campaign> {
		// Timeout is read and checked per item (prepare.ts), by the same schema.
		const parsed = parseRunOptions(context.getNodeParameter('options', 0, {}) as IDataObject);
		if (!parsed.ok) throw toRefusal(context.getNode(), parsed.field, parsed.message, 0);
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		return new Campaign(context, parsed.options, credentials, itemCount);
	}

	/** Items that failed their checks: with Continue On Fail each one fails alone, otherwise the run stops now. */
	refuse(invalid: Refusal[]): void {
		if (invalid.length > 0 && !this.continueOnFail) throw invalid[0].error;
		for (const { itemIndex, error } of invalid)
			this.results[itemIndex] = { outcome: 'failed', error };
	}

	/**
	 * Sends the jobs through the pool. Dry Run goes the same way up to the request, which it only records, so
	 * that it shows what a real run would do: repeated numbers skipped, calls over the limit refused.
	 * `describe` adds operation-specific fields to each item's result (e.g. which bulk request carried it).
	 */
	async place(jobs: CallJobs, describe?: (job: CallJob, itemIndex: number) => IDataObject) {
		// Every result of a job shows the request it went in (or would have), whatever became of it.
		const settle = (job: CallJob, resultFor: (itemIndex: number) => ItemResult) => {
			for (const itemIndex of job.itemIndexes) {
				const request = job.requestOf ? job.requestOf(itemIndex) : job.body;
				const extra = describe?.(job, itemIndex);
				this.results[itemIndex] = { ...resultFor(itemIndex), request, extra };
			}
			this.finishCarrier(job, this.results[job.itemIndexes[0]]!.outcome !== 'failed');
		};
		try {
			await this.pool(jobs, async (job) => {
				try {
					return await this.placeJob(job, settle);
				} finally {
					// A job that ended without a result (stopped, cancelled) placed nothing: the next item with
					// its number may go (if the run goes on at all).
					this.finishCarrier(job, false);
				}
			});
		} finally {
			this.releaseCalls(this.dryRunReserved);
			this.dryRunReserved = 0;
		}
	}

	private finishCarrier(job: CallJob, called: boolean): void {
		const carrier = this.carriers.get(job.dedupeKey ?? '');
		if (carrier?.itemIndex === job.itemIndexes[0]) carrier.finish(called);
	}

	private async placeJob(
		job: CallJob,
		settle: (job: CallJob, resultFor: (itemIndex: number) => ItemResult) => void,
	): Promise<boolean> {
		const node = this.context.getNode();
		const duplicate = await this.carrierBefore(job);
		// Woken up after the run stopped: it goes no further, and has no result (the run throws).
		if (this.stopped) return false;
		if (duplicate !== undefined) {
			settle(job, () => ({ outcome: 'skipped', duplicateOf: duplicate }));
			return true;
		}

		const remembered = this.memory.recall(job.itemIndexes[0]);
		if (remembered) {
			settle(job, (itemIndex) => ({
				outcome: remembered.outcome,
				statusCode: remembered.statusCode,
				error: remembered.message
					? rememberedError(node, remembered.message, remembered.description, itemIndex)
					: undefined,
				fromEarlierTry: true,
			}));
			return true;
		}

		if (!this.reserveCalls(job.itemIndexes.length)) {
			const problem = `this node has placed ${this.memory.callsThisExecution} call(s) in this execution and Max Calls per Execution is ${this.options.maxCallsPerExecution}: no further call is placed`;
			settle(job, (itemIndex) => ({
				outcome: 'failed',
				error: toRefusal(node, 'options.maxCallsPerExecution', problem, itemIndex),
			}));
			return this.goesOn(false);
		}

		if (this.options.dryRun) {
			this.dryRunReserved += job.itemIndexes.length;
			const target = { method: 'POST' as const, url: job.url };
			settle(job, () => ({ outcome: 'dryRun', target }));
			return true;
		}

		// Remembered before sending: if this try dies mid-request, a retry must not send it again.
		for (const itemIndex of job.itemIndexes)
			this.memory.remember(itemIndex, { outcome: 'unknown' });
		const delivery = await this.sender.send(job.url, job.body, job.timeoutMs);
		if (!delivery) {
			// The run stopped while this waited to send (first try, or again after a 429): it placed nothing.
			for (const itemIndex of job.itemIndexes) this.memory.forget(itemIndex);
			this.releaseCalls(job.itemIndexes.length);
			return false;
		}
		if (delivery.outcome === 'failed') this.releaseCalls(job.itemIndexes.length);
		const goesOn = this.goesOn(delivery.outcome === 'placed');
		settle(job, (itemIndex) => {
			const result = this.resultOf(delivery, job, itemIndex);
			this.memory.remember(itemIndex, {
				outcome: delivery.outcome,
				statusCode: result.statusCode,
				message: result.error?.message,
				description: result.error?.description ?? undefined,
			});
			return result;
		});
		return goesOn;
	}

	/**
	 * Whether the run goes on after a job; a failure without Continue On Fail stops it here, before the job
	 * settles, so that no item waiting on this one's number wakes up to a run that still looks alive.
	 */
	private goesOn(succeeded: boolean): boolean {
		const goesOn = succeeded || this.continueOnFail;
		if (!goesOn) this.stopped = true;
		return goesOn;
	}

	private reserveCalls(count: number): boolean {
		let reserved = 0;
		while (reserved < count && this.memory.reserveCall(this.options.maxCallsPerExecution))
			reserved++;
		if (reserved === count) return true;
		this.releaseCalls(reserved);
		return false;
	}

	private releaseCalls(count: number): void {
		for (let i = 0; i < count; i++) this.memory.releaseCall();
	}

	private resultOf(delivery: Delivery, job: CallJob, itemIndex: number): ItemResult {
		const { answer, attempts, outcome } = delivery;
		const statusCode = answer.kind === 'answered' ? answer.status : undefined;
		if (outcome === 'placed') {
			const response = answer.kind === 'answered' ? answer.body : null;
			return { outcome, statusCode, attempts, response };
		}
		const error = toLeversApiError(this.context.getNode(), answer, {
			itemIndex,
			host: new URL(job.url).origin,
			timeoutMs: job.timeoutMs,
			secrets: this.secrets(),
			authMode: authMode(this.credentials),
			note: delivery.note,
		});
		return { outcome, statusCode, attempts, error };
	}

	/**
	 * Skip Repeated Numbers: the number's current carrier (the item sent with it) is waited for; if it placed
	 * the call (or may have), this job is skipped and names it. If it placed nothing, exactly one waiter, the
	 * first in input order, becomes the new carrier and is sent; the others wait for that one in turn.
	 */
	private async carrierBefore(job: CallJob): Promise<number | undefined> {
		const key = this.options.skipDuplicates ? job.dedupeKey : undefined;
		if (key === undefined) return undefined;
		for (;;) {
			const earlier = this.carriers.get(key);
			if (!earlier) break;
			if (await earlier.called) return earlier.itemIndex;
			// Waiters wake in the order they began waiting: the first takes over, the rest see it and wait on.
			if (this.carriers.get(key) === earlier) break;
		}
		let finish: Carrier['finish'] = () => {};
		const called = new Promise<boolean>((resolve) => (finish = resolve));
		this.carriers.set(key, { itemIndex: job.itemIndexes[0], called, finish });
		return undefined;
	}

	/** Runs jobs with `concurrency` workers, in input order; a worker's `false` stops new starts. */
	private async pool(jobs: CallJobs, work: (job: CallJob) => Promise<boolean>) {
		const queue =
			Symbol.asyncIterator in jobs ? jobs[Symbol.asyncIterator]() : jobs[Symbol.iterator]();
		let failure: unknown;
		const worker = async () => {
			while (!this.stopped) {
				const next = await queue.next();
				// Another worker may have stopped the pool while this one waited for its next job.
				if (next.done || this.stopped) return;
				try {
					if (!(await work(next.value))) this.stopped = true;
				} catch (error) {
					// Cancelled, or a bug: stop starting, let the calls in flight finish, then report it.
					this.stopped = true;
					failure ??= error;
				}
			}
		};
		try {
			await Promise.all(Array.from({ length: this.options.concurrency }, worker));
		} finally {
			await queue.return?.();
		}
		if (failure !== undefined) throw failure;
	}

	/** Output items in input order; without Continue On Fail the first failed item stops the node. */
	finish(): INodeExecutionData[][] {
		const mode = {
			tool: this.tool,
			errorOutput: this.context.getNode().onError === 'continueErrorOutput',
			input: this.options.includeInputFields ? this.context.getInputData() : undefined,
		};
		if (!this.continueOnFail) {
			const failed = this.results.find(
				(result) => result?.outcome === 'failed' || result?.outcome === 'unknown',
			);
			if (failed?.error) {
				const called = this.results.filter(
					(result) =>
						result?.outcome === 'placed' || (result?.outcome === 'unknown' && result !== failed),
				).length;
				if (called > 0) {
					failed.error.description =
						`${failed.error.description ?? ''}\n${called} other call(s) of this run were placed (or may have been) before it stopped. Retry On Fail does not call them again; running the workflow again does. Turn on Continue On Fail (Settings) to keep going past a failed call.`.trim();
				}
				throw failed.error;
			}
		}
		const items = this.results.map((result, itemIndex) =>
			toOutputItem(result ?? { outcome: 'failed' }, itemIndex, mode),
		);
		return [items];
	}

	private secrets(): string[] {
		const { accessToken, clientSecret, sessionToken, webhookSigningSecret } = this.credentials;
		return [accessToken, clientSecret, sessionToken, webhookSigningSecret].filter(
			(secret): secret is string => typeof secret === 'string',
		);
	}
}
