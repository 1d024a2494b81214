import type { INodeExecutionData } from 'n8n-workflow';

import type { LeversSandbox } from '../sandbox/levers-sandbox';
import type { RecordedRequest } from '../sandbox/recorded-request';
import { requestedCalls, scriptKeysOf } from '../sandbox/recorded-request';
import type { Answer, Scenario } from './scenario';
import { scriptKey } from './scenario';

/** What one run did, read off the sandbox and the node's output, in the terms of the model. */

export interface SentRequest {
	/** The item whose script answered it (bulk: the request's first contact). */
	itemIndex: number;
	phones: string[];
	answer: Answer;
	/** Its place among the requests of its item: 1 for the first try. */
	attempt: number;
}

export interface ObservedRun {
	status: string;
	errorMessage?: string;
	output?: INodeExecutionData[];
	/** In arrival order. */
	requests: SentRequest[];
	/** Calls the sandbox placed, per number. */
	placed: Map<string, number>;
}

export function observe(
	scenario: Scenario,
	sandbox: LeversSandbox,
	result: { status: string; output?: INodeExecutionData[]; errorMessage?: string },
): ObservedRun {
	const keyed = new Map(scenario.items.map((_, index) => [scriptKey(index), index]));
	const attempts = new Map<number, number>();
	const recorded: RecordedRequest[] = [...sandbox.callRequests(), ...sandbox.bulkRequests()].sort(
		(a, b) => sandbox.requests.indexOf(a) - sandbox.requests.indexOf(b),
	);
	const requests = recorded.map((record): SentRequest => {
		const calls = requestedCalls(record);
		const [key] = scriptKeysOf(calls);
		const itemIndex = keyed.get(key);
		if (itemIndex === undefined)
			throw new Error(`a request without a known script key: ${record.rawBody}`);
		const attempt = (attempts.get(itemIndex) ?? 0) + 1;
		attempts.set(itemIndex, attempt);
		const answer = scenario.items[itemIndex].answers[attempt - 1];
		if (answer === undefined)
			throw new Error(`item ${itemIndex} sent more requests than it has answers`);
		return { itemIndex, phones: calls.map((call) => String(call.numberToCall)), answer, attempt };
	});
	const placed = new Map<string, number>();
	for (const call of sandbox.acceptedCalls()) {
		const phone = String(call.body.numberToCall);
		placed.set(phone, (placed.get(phone) ?? 0) + 1);
	}
	return { ...result, requests, placed };
}
