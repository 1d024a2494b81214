import { FakeChatModel } from './fake-llm/fake-chat-model';

/** The scripted model the agent e2e talks to: it must answer as OpenAI's chat completions do. */
let model: FakeChatModel;
beforeAll(async () => (model = await FakeChatModel.start()));
afterAll(async () => await model.close());

const tool = { type: 'function', function: { name: 'Levers_Call', parameters: {} } };

interface Completion {
	choices: Array<{ index: number; finish_reason: string; message: Record<string, unknown> }>;
}

async function complete(body: object): Promise<{ status: number; json: Completion }> {
	const response = await fetch(`${model.url}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
		body: JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Completion };
}

test('answers each request with the next turn: tool calls named after the offered tool, then text', async () => {
	model.script(
		{ toolCalls: [{ arguments: { numberToCall: '+14155550100' } }] },
		{ answer: 'Done.' },
	);
	const request = { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [tool] };

	const first = await complete(request);
	const second = await complete(request);
	const third = await complete(request);

	expect(first.status).toBe(200);
	expect(first.json.choices).toEqual([
		{
			index: 0,
			finish_reason: 'tool_calls',
			message: {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: expect.stringMatching(/^call_/),
						type: 'function',
						function: { name: 'Levers_Call', arguments: '{"numberToCall":"+14155550100"}' },
					},
				],
			},
		},
	]);
	expect(second.json.choices[0]).toMatchObject({
		finish_reason: 'stop',
		message: { role: 'assistant', content: 'Done.' },
	});
	// Asked once more than scripted: a loud error, not an invented answer.
	expect(third.status).toBe(400);
	expect(model.requests.map((recorded) => recorded.authorization)).toEqual(
		Array(3).fill('Bearer sk-test'),
	);
	expect(model.requests[0].body).toEqual(request);
});

test('tool messages are read from the latest request, which carries the whole conversation', async () => {
	model.script({ answer: 'ok' });
	const toolMessage = { role: 'tool', tool_call_id: 'call_1', content: '[{"outcome":"placed"}]' };
	await complete({ messages: [{ role: 'user', content: 'hi' }, toolMessage] });
	expect(model.toolMessages()).toEqual([toolMessage]);
});
