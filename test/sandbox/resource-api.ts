/**
 * The contact, invoice and payment endpoints of the sandbox (after auth): the path, then the body as
 * pydantic checks it, then the store. The list's shape can be switched, since Levers does not document it.
 */
import { parseBodyLikeFastApi, uuidField } from './fastapi-validation.ts';
import type { ValidationIssue } from './fastapi-validation.ts';
import type { Reply } from './http-io.ts';
import { API_PREFIX } from './recorded-request.ts';
import type { RecordedRequest } from './recorded-request.ts';
import { validateResourceBody } from './resource-bodies.ts';
import { ResourceStore } from './resource-store.ts';

/** How GET /contact wraps its page: FastAPI-pagination's `items`, other plausible keys, a bare list, or junk. */
export type ListShape = 'items' | 'content' | 'data' | 'results' | 'bare' | 'unexpected';

/** The most GET /contact serves in one page, as fastapi-pagination's default `le=100`. */
export const MAX_PAGE_SIZE = 100;

const ROUTES: Array<[string, RegExp]> = [
	['GET /contact', /^\/contact$/],
	['POST /contact', /^\/contact$/],
	['PUT /contact', /^\/contact$/],
	['GET /contact/{uuid}', /^\/contact\/([^/]+)$/],
	['POST /invoice', /^\/invoice$/],
	['PUT /invoice', /^\/invoice$/],
	['POST /invoice/create-update', /^\/invoice\/create-update$/],
	['PATCH /invoice/status', /^\/invoice\/status$/],
	['GET /invoice/{uuid}', /^\/invoice\/([^/]+)$/],
	['POST /invoice/{uuid}/payment', /^\/invoice\/([^/]+)\/payment$/],
	['PUT /invoice/payment/{uuid}', /^\/invoice\/payment\/([^/]+)$/],
];

/** The route ("METHOD /pattern") and path uuid of a resource request; undefined for any other request. */
export function resourceRoute(
	record: Pick<RecordedRequest, 'method' | 'path'>,
): { route: string; id?: string } | undefined {
	if (!record.path.startsWith(`${API_PREFIX}/`)) return undefined;
	const path = record.path.slice(API_PREFIX.length);
	for (const [route, pattern] of ROUTES) {
		const match = pattern.exec(path);
		if (match && route.startsWith(`${record.method} `)) return { route, id: match[1] };
	}
	return undefined;
}

const unprocessable = (detail: ValidationIssue[]): Reply => ({ status: 422, body: { detail } });
const notFound = (what: string): Reply => ({ status: 404, body: { detail: `${what} not found` } });
const ok = (body: unknown): Reply => ({ status: 200, body });

export class ResourceApi {
	readonly store = new ResourceStore();
	listShape: ListShape = 'items';

	reset(): void {
		this.store.clear();
		this.listShape = 'items';
	}

	handle(record: RecordedRequest): Reply {
		const { route, id } = resourceRoute(record) ?? { route: '' };
		if (id !== undefined) {
			const bad = uuidField(id, ['path', 'uuid']);
			if (bad.length > 0) return unprocessable(bad);
		}
		if (route === 'GET /contact') return this.listContacts(record.query);
		if (route === 'GET /contact/{uuid}') {
			return this.store.contacts.has(id as string)
				? ok(this.store.contactView(id as string))
				: notFound('Contact');
		}
		if (route === 'GET /invoice/{uuid}') {
			return this.store.invoices.has(id as string)
				? ok(this.store.invoiceView(id as string, true))
				: notFound('Invoice');
		}
		const parsed = parseBodyLikeFastApi(record.rawBody, record.headers['content-type']);
		if (!parsed.ok) return unprocessable([parsed.issue]);
		const issues = validateResourceBody(route, parsed.value);
		if (issues.length > 0) return unprocessable(issues);
		return this.write(route, id as string, parsed.value as Record<string, unknown>);
	}

	private write(route: string, id: string, body: Record<string, unknown>): Reply {
		const { store } = this;
		const contactKnown =
			body.contactUuid === undefined || store.contacts.has(String(body.contactUuid));
		switch (route) {
			case 'POST /contact':
				return ok(store.createContact(body));
			case 'PUT /contact':
				return orNotFound(store.updateContact(body), 'Contact');
			case 'POST /invoice':
				return contactKnown ? ok(store.createInvoice(body)) : notFound('Contact');
			case 'PUT /invoice':
				return contactKnown
					? orNotFound(store.updateInvoice(body), 'Invoice')
					: notFound('Contact');
			case 'POST /invoice/create-update': {
				if (!contactKnown) return notFound('Contact');
				const { outstandingAmount, ...fields } = body as {
					outstandingAmount: number;
					uuid?: string;
				};
				if (fields.uuid !== undefined && store.invoices.has(String(fields.uuid)))
					return ok(store.updateInvoice(fields, outstandingAmount));
				return ok(store.createInvoice(fields, outstandingAmount));
			}
			case 'PATCH /invoice/status': {
				const { uuid, status } = body as { uuid: string[]; status: 'PAID' | 'UNPAID' };
				return store.setStatus(uuid, status) ? ok(null) : notFound('Invoice');
			}
			case 'POST /invoice/{uuid}/payment':
				return store.invoices.has(id) ? ok(store.createPayment(id, body)) : notFound('Invoice');
			default:
				return orNotFound(store.updatePayment(id, body), 'Payment');
		}
	}

	private listContacts(query: Record<string, string>): Reply {
		const page = query.page === undefined ? 1 : Number(query.page);
		const size = query.size === undefined ? 50 : Number(query.size);
		const issues: ValidationIssue[] = [];
		if (!Number.isInteger(page) || page < 1)
			issues.push(bound(['query', 'page'], 'greater than or equal to 1', 'greater_than_equal'));
		if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
			issues.push(
				bound(['query', 'size'], `less than or equal to ${MAX_PAGE_SIZE}`, 'less_than_equal'),
			);
		if (issues.length > 0) return unprocessable(issues);
		const { items, total } = this.store.contactPage(page, size);
		const shapes: Record<ListShape, unknown> = {
			items: { items, page, size, total },
			content: { content: items, totalElements: total, number: page - 1, size },
			data: { data: items, meta: { page, size, total } },
			results: { results: items, count: total },
			bare: items,
			unexpected: { contacts: items, total },
		};
		return ok(shapes[this.listShape]);
	}
}

function orNotFound(body: unknown, what: string): Reply {
	return body === undefined ? notFound(what) : ok(body);
}

function bound(loc: string[], words: string, type: string): ValidationIssue {
	return { loc, msg: `Input should be a valid integer ${words}`, type };
}
