import { useSandbox } from './levers-support';
import { errorOf, jsonOf, runLevers } from './levers-records-support';
import type { ListShape } from './sandbox/levers-sandbox';

/**
 * Contact Get Many reads GET /contact page by page: all of 2,500 contacts, or up to a Limit, in each list shape
 * a FastAPI service plausibly returns; an unexpected shape or a page that repeats stops with a clear error.
 */
const sandbox = useSandbox();
const PAGE = 50;

function seedContacts(count: number) {
	for (let index = 0; index < count; index++) {
		sandbox().resources.store.createContact({
			name: `Contact ${index}`,
			phoneNumber: `+9665${String(index).padStart(8, '0')}`,
		});
	}
}

const getMany = (parameters: Record<string, unknown>) =>
	runLevers(sandbox(), {
		resource: 'contact',
		operation: 'getAll',
		parameters: parameters as never,
	});

const pagesAsked = () =>
	sandbox()
		.resourceRequests()
		.map((request) => request.query);

test('Return All reads 2,500 contacts in pages of 50, each once, in order, and stops once the stated total is read', async () => {
	seedContacts(2_500);

	const result = await getMany({ returnAll: true });

	expect(errorOf(result)).toBeUndefined();
	const contacts = jsonOf(result);
	expect(contacts).toHaveLength(2_500);
	expect(new Set(contacts.map((contact) => contact.uuid)).size).toBe(2_500);
	expect(contacts[0].name).toBe('Contact 0');
	expect(contacts[2_499].name).toBe('Contact 2499');
	// 50 full pages and the total reached: no 51st request for an empty page.
	expect(pagesAsked()).toHaveLength(50);
	expect(pagesAsked()[0]).toEqual({ page: '1', size: String(PAGE) });
	expect(pagesAsked()[49]).toEqual({ page: '50', size: String(PAGE) });
	expect(
		result
			.output('Levers')
			.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
	).toBe(true);
});

test('Return All without a total in the answer stops on the first short page', async () => {
	seedContacts(120);
	sandbox().resources.listShape = 'bare';

	const result = await getMany({ returnAll: true });

	expect(jsonOf(result)).toHaveLength(120);
	expect(pagesAsked().map((query) => query.page)).toEqual(['1', '2', '3']);
});

test('an empty list is no items and one request', async () => {
	const result = await getMany({ returnAll: true });

	expect(errorOf(result)).toBeUndefined();
	expect(jsonOf(result)).toEqual([]);
	expect(pagesAsked()).toHaveLength(1);
});

test.each([
	[10, 1, '10'],
	[70, 2, '50'],
	[100, 2, '50'],
])(
	'Limit %i reads %i page(s) of size %s and returns exactly that many',
	async (limit, pages, size) => {
		seedContacts(300);

		const result = await getMany({ returnAll: false, limit });

		expect(jsonOf(result)).toHaveLength(limit);
		expect(pagesAsked()).toHaveLength(pages);
		expect(pagesAsked()[0].size).toBe(size);
	},
);

test.each<ListShape>(['items', 'content', 'data', 'results', 'bare'])(
	'reads the "%s" list shape',
	async (shape) => {
		seedContacts(75);
		sandbox().resources.listShape = shape;

		const result = await getMany({ returnAll: true });

		expect(errorOf(result)).toBeUndefined();
		expect(jsonOf(result).map((contact) => contact.name)).toEqual(
			Array.from({ length: 75 }, (_, index) => `Contact ${index}`),
		);
	},
);

test('an unexpected list shape fails clearly, naming its keys, after one request', async () => {
	seedContacts(3);
	sandbox().resources.listShape = 'unexpected';

	const result = await getMany({ returnAll: true });

	expect(errorOf(result)?.message).toBe(
		'Levers answered /contact with an unexpected list shape: keys contacts, total [item 0]',
	);
	expect(errorOf(result)?.description).toContain('items, content, data, results');
	expect(pagesAsked()).toHaveLength(1);
});

test('a server that ignores the page parameter is not read forever', async () => {
	seedContacts(60);
	const fullPage = sandbox().resources.store.contactPage(1, PAGE).items;
	sandbox().respondNextResource(
		...Array.from({ length: 5 }, () => ({ status: 200, body: fullPage })),
	);

	const result = await getMany({ returnAll: true });

	expect(errorOf(result)?.message).toBe(
		'Levers answered page 2 of /contact with page 1 again [item 0]',
	);
	expect(pagesAsked()).toHaveLength(2);
});

test('a list that never ends stops at the page cap (1,000 pages), saying to set a Limit', async () => {
	// Every page full and new, and no total: only the cap ends it.
	sandbox().respondNextResource(
		...Array.from({ length: 1_001 }, (_, page) => ({
			status: 200,
			body: { items: Array.from({ length: PAGE }, (_, index) => ({ uuid: `p${page}-${index}` })) },
		})),
	);

	const result = await getMany({ returnAll: true });

	expect(errorOf(result)?.message).toBe(
		'Levers still had more after 1000 pages of /contact (50000 records) [item 0]',
	);
	expect(errorOf(result)?.description).toBe(
		'Get Many reads at most 50000 records in one go: set a Limit.',
	);
	expect(pagesAsked()).toHaveLength(1_000);
}, 60_000);

test('Simplify on keeps the contact fields a workflow needs; off the whole record', async () => {
	seedContacts(2);

	const simple = jsonOf(await getMany({ returnAll: true }));
	const whole = jsonOf(await getMany({ returnAll: true, simplify: false }));

	expect(Object.keys(simple[0]).sort()).toEqual(
		[
			'name',
			'outstandingAmount',
			'phoneNumber',
			'promiseToPayDate',
			'reminderStatus',
			'risk',
			'totalAmount',
			'totalPaid',
			'uuid',
		].sort(),
	);
	expect(whole[0]).toMatchObject({ ...simple[0], remindersEnabled: true, reminderLabel: null });
});
