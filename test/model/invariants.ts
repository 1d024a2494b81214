import type { IDataObject } from 'n8n-workflow';

import type { ObservedRun } from './observed';
import { expectRun, fateOf, isExact, mayHavePlaced } from './reference';
import type { Scenario } from './scenario';

/**
 * Every promise of the run engine, checked on one observed run: returns what was broken, in words, so that a
 * failing seed says all of it at once.
 */
export function violations(scenario: Scenario, run: ObservedRun): string[] {
	const broken: string[] = [];
	const fail = (text: string) => broken.push(text);
	const { items, continueOnFail, skipDuplicates, dryRun, maxCallsPerExecution: limit } = scenario;
	const expected = expectRun(scenario);
	const sentBy = items.map((_, index) =>
		run.requests.filter((request) => request.itemIndex === index),
	);

	if (dryRun && run.requests.length > 0) fail(`Dry Run sent ${run.requests.length} request(s)`);

	// A request is sent again only after a 429 with time left; never after one that may have placed.
	sentBy.forEach((requests, index) => {
		requests.slice(0, -1).forEach((request) => {
			if (request.answer !== 'rateLimitedRetryAfter')
				fail(`item ${index} was sent again after "${request.answer}"`);
		});
		const fate = fateOf(items[index].answers, scenario.rateLimitAttempts);
		if (requests.length > fate.requests)
			fail(`item ${index} sent ${requests.length} requests; its answers allow ${fate.requests}`);
	});

	// Nobody placed (or possibly placed) twice: per number with Skip Repeated Numbers, per contact in bulk.
	if (skipDuplicates || scenario.operation === 'callBulk') {
		const possibly = new Map<string, number>();
		for (const request of run.requests)
			if (mayHavePlaced(request.answer))
				for (const phone of request.phones) possibly.set(phone, (possibly.get(phone) ?? 0) + 1);
		for (const [phone, count] of possibly)
			if (count > 1) fail(`${phone} was sent ${count} times in requests that may have placed it`);
		for (const [phone, count] of run.placed)
			if (count > 1) fail(`${phone} was placed ${count} times`);
	}

	if (limit > 0) {
		const possiblyPlaced = run.requests
			.filter((request) => mayHavePlaced(request.answer))
			.reduce((sum, request) => sum + request.phones.length, 0);
		if (possiblyPlaced > limit)
			fail(`${possiblyPlaced} calls may have been placed; Max Calls per Execution is ${limit}`);
	}

	if (!continueOnFail) {
		if (
			items.some((item, index) => expected.items[index].refusedBy === 'numberToCall') &&
			run.requests.length > 0
		)
			fail('a bad item did not stop the run before the first request');
		// After a number's carrier failed, the run stopped: nobody waiting on that number may go out.
		const finished = new Set<string>();
		for (const request of run.requests) {
			for (const phone of request.phones)
				if (finished.has(phone))
					fail(`${phone} was sent after its earlier request failed and the run stopped`);
			const final =
				request.attempt ===
				fateOf(items[request.itemIndex].answers, scenario.rateLimitAttempts).requests;
			if (skipDuplicates && final && !mayHavePlaced(request.answer))
				for (const phone of request.phones) finished.add(phone);
		}
		const ended = expected.errorItem !== undefined || run.status === 'error';
		if (ended && run.status !== 'error')
			fail(`the run should have stopped with an error, but ended ${run.status}`);
	}

	if (continueOnFail)
		checkOutput(
			scenario,
			run,
			sentBy.map((requests) => requests.length),
			fail,
		);

	if (isExact(scenario)) {
		expected.items.forEach((item, index) => {
			if (sentBy[index].length !== item.requests)
				fail(
					`item ${index} sent ${sentBy[index].length} request(s); the model says ${item.requests}`,
				);
		});
		if (
			!continueOnFail &&
			expected.errorItem !== undefined &&
			!run.errorMessage?.endsWith(`[item ${expected.errorItem}]`)
		)
			fail(`the run's error should name item ${expected.errorItem}: ${run.errorMessage}`);
		if (!continueOnFail && expected.errorItem === undefined && run.status !== 'success')
			fail(`the run should have succeeded: ${run.errorMessage}`);
	}
	return broken;
}

/** Continue On Fail: items in = items out, in order, one outcome each, consistent with what was sent. */
function checkOutput(
	scenario: Scenario,
	run: ObservedRun,
	requestCounts: number[],
	fail: (text: string) => void,
): void {
	const output = run.output ?? [];
	if (run.status !== 'success') fail(`the run ended ${run.status}: ${run.errorMessage}`);
	if (output.length !== scenario.items.length)
		fail(`${scenario.items.length} items in, ${output.length} out`);
	const expected = expectRun(scenario);
	output.forEach((item, index) => {
		const json = item.json as IDataObject;
		if ((item.pairedItem as { item: number })?.item !== index)
			fail(`output ${index} is paired with another item`);
		const outcome = json.outcome as string;
		const sent = requestCounts[index];
		if (sent > 0) {
			const fate = fateOf(scenario.items[index].answers, scenario.rateLimitAttempts);
			if (outcome !== fate.outcome)
				fail(`item ${index} was sent and came out ${outcome}; its answers say ${fate.outcome}`);
			if (json.attempts !== sent && scenario.operation === 'call')
				fail(`item ${index} says ${String(json.attempts)} attempts; ${sent} requests arrived`);
		} else if (
			!['skipped', 'failed', 'dryRun'].includes(outcome) &&
			scenario.operation === 'call'
		) {
			fail(`item ${index} sent nothing but came out ${outcome}`);
		}
		if (outcome === 'skipped') {
			const carrier = json.duplicateOf as number;
			const carried = output[carrier]?.json.outcome;
			if (!(carrier < index) || scenario.items[carrier].phone !== scenario.items[index].phone)
				fail(`item ${index} is skipped as a repeat of item ${carrier}, which has another number`);
			if (!['placed', 'unknown', 'dryRun'].includes(String(carried)))
				fail(`item ${index} is skipped for item ${carrier}, which came out ${String(carried)}`);
		}
		if (isExact(scenario)) {
			const model = expected.items[index];
			if (outcome !== model.outcome)
				fail(`item ${index} came out ${outcome}; the model says ${model.outcome}`);
			if (model.duplicateOf !== undefined && json.duplicateOf !== model.duplicateOf)
				fail(
					`item ${index} names item ${String(json.duplicateOf)}; the model says ${model.duplicateOf}`,
				);
			if (model.refusedBy && json.field !== model.refusedBy)
				fail(
					`item ${index} was refused for ${String(json.field)}; the model says ${model.refusedBy}`,
				);
		}
	});
}
