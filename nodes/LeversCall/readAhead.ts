import { sleep } from 'n8n-workflow';

/** Items read per slice: a few milliseconds of n8n's expression engine, short enough not to hold up answers. */
const SLICE = 8;

/**
 * Reads a source in the background, a slice at a time with a turn of the event loop between slices, so that
 * the first requests go out at once and their answers are handled while the rest is still being read. The
 * first slice is read at once; `next()` waits only when the reader is behind (it never is for long: reading
 * an item takes well under a millisecond, a call round trip far longer).
 */
export class ReadAhead<T> implements AsyncIterableIterator<T> {
	private readonly buffer: T[] = [];
	private taken = 0;
	private finished = false;
	private failure: unknown;
	private wakeUp: Array<() => void> = [];

	constructor(private readonly source: Iterator<T>) {
		this.readSlice();
		if (!this.finished) void this.readRest();
	}

	[Symbol.asyncIterator](): this {
		return this;
	}

	async next(): Promise<IteratorResult<T>> {
		while (this.taken === this.buffer.length && !this.finished) {
			await new Promise<void>((resolve) => this.wakeUp.push(resolve));
		}
		if (this.failure !== undefined) throw this.failure;
		if (this.taken < this.buffer.length) return { value: this.buffer[this.taken++], done: false };
		return { value: undefined, done: true };
	}

	/** Stops reading: nothing more will be taken. */
	async return(): Promise<IteratorResult<T>> {
		this.finish();
		return { value: undefined, done: true };
	}

	private async readRest(): Promise<void> {
		while (!this.finished) {
			await sleep(0);
			this.readSlice();
		}
	}

	private readSlice(): void {
		try {
			for (let read = 0; read < SLICE && !this.finished; read++) {
				const next = this.source.next();
				if (next.done) this.finish();
				else this.buffer.push(next.value);
			}
		} catch (error) {
			this.failure = error;
			this.finish();
		}
		for (const wake of this.wakeUp.splice(0)) wake();
	}

	private finish(): void {
		this.finished = true;
		for (const wake of this.wakeUp.splice(0)) wake();
	}
}
