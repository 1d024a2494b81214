/** A call Levers placed: the single-call body, or one contact of a bulk request. */
export interface AcceptedCall {
	body: Record<string, unknown>;
	callId: string;
}

export type CallAcceptedHook = (call: AcceptedCall) => void;

/** Every call the sandbox placed, in order, with the ids it gave them; tells the hook about each. */
export class CallLedger {
	readonly calls: AcceptedCall[] = [];
	private readonly onAccepted: CallAcceptedHook | undefined;
	private count = 0;

	constructor(onAccepted: CallAcceptedHook | undefined) {
		this.onAccepted = onAccepted;
	}

	/** Places one call per body and returns their ids; the hook runs before the reply is sent. */
	accept(bodies: Array<Record<string, unknown>>): string[] {
		return bodies.map((body) => {
			this.count += 1;
			const call = { body, callId: `sbx-call-${this.count}` };
			this.calls.push(call);
			this.onAccepted?.(call);
			return call.callId;
		});
	}

	clear(): void {
		this.calls.length = 0;
		this.count = 0;
	}
}
