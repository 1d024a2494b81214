/**
 * Contacts, invoices and payments in memory. An invoice's totalPaid, outstandingAmount, status, level and
 * paidDate follow its payments (and Update Status); a contact's totals follow its invoices. Undocumented
 * behaviour is the plausible reading of the spec: updates are partial, Create or Update matches by uuid only.
 */
import { randomUUID } from 'node:crypto';

type Fields = Record<string, unknown>;

interface StoredInvoice {
	fields: Fields;
	/** Paid before Levers knew the invoice: what Create or Update's outstandingAmount implies. */
	paidElsewhere: number;
	/** Set by PATCH /invoice/status; otherwise the status follows the amounts. */
	statusSet?: 'PAID' | 'UNPAID';
	createdAt: string;
}

interface StoredPayment {
	fields: Fields;
	invoiceUuid: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const amount = (value: unknown) => (typeof value === 'number' ? value : 0);

export class ResourceStore {
	readonly contacts = new Map<string, Fields>();
	readonly invoices = new Map<string, StoredInvoice>();
	readonly payments = new Map<string, StoredPayment>();

	clear(): void {
		this.contacts.clear();
		this.invoices.clear();
		this.payments.clear();
	}

	createContact(body: Fields): Fields {
		const uuid = randomUUID();
		this.contacts.set(uuid, { ...body, uuid });
		return this.contactView(uuid);
	}

	/** Partial: the fields sent replace those stored; undefined when there is no such contact. */
	updateContact(body: Fields): Fields | undefined {
		const uuid = String(body.uuid);
		const stored = this.contacts.get(uuid);
		if (!stored) return undefined;
		this.contacts.set(uuid, { ...stored, ...body });
		return this.contactView(uuid);
	}

	contactView(uuid: string): Fields {
		const stored = this.contacts.get(uuid) as Fields;
		const invoices = [...this.invoices.keys()]
			.map((key) => this.invoiceView(key))
			.filter((invoice) => (invoice.contact as Fields).uuid === uuid);
		const sum = (field: string) =>
			invoices.reduce((total, invoice) => total + amount(invoice[field]), 0);
		return {
			risk: 'LOW',
			remindersEnabled: true,
			promiseToPayDate: null,
			reminderStatus: null,
			reminderLabel: null,
			...stored,
			totalAmount: sum('total'),
			totalPaid: sum('totalPaid'),
			outstandingAmount: sum('outstandingAmount'),
		};
	}

	contactPage(page: number, size: number): { items: Fields[]; total: number } {
		const uuids = [...this.contacts.keys()];
		const items = uuids.slice((page - 1) * size, page * size).map((uuid) => this.contactView(uuid));
		return { items, total: uuids.length };
	}

	createInvoice(body: Fields, outstandingAmount?: number): Fields {
		const uuid = randomUUID();
		const paidElsewhere =
			outstandingAmount === undefined ? 0 : amount(body.total) - outstandingAmount;
		this.invoices.set(uuid, { fields: { ...body, uuid }, paidElsewhere, createdAt: today() });
		return this.invoiceView(uuid);
	}

	updateInvoice(body: Fields, outstandingAmount?: number): Fields | undefined {
		const uuid = String(body.uuid);
		const stored = this.invoices.get(uuid);
		if (!stored) return undefined;
		stored.fields = { ...stored.fields, ...body };
		if (outstandingAmount !== undefined) {
			stored.paidElsewhere =
				amount(stored.fields.total) - outstandingAmount - this.paidThrough(uuid);
		}
		return this.invoiceView(uuid);
	}

	/** False when one of the invoices does not exist: then none is changed. */
	setStatus(uuids: string[], status: 'PAID' | 'UNPAID'): boolean {
		if (!uuids.every((uuid) => this.invoices.has(uuid))) return false;
		for (const uuid of uuids) (this.invoices.get(uuid) as StoredInvoice).statusSet = status;
		return true;
	}

	private paidThrough(invoiceUuid: string): number {
		return [...this.payments.values()]
			.filter((payment) => payment.invoiceUuid === invoiceUuid)
			.reduce((total, payment) => total + amount(payment.fields.amount), 0);
	}

	invoiceView(uuid: string, withDetails = false): Fields {
		const stored = this.invoices.get(uuid) as StoredInvoice;
		const { contactUuid, ...fields } = stored.fields;
		const contact = this.contacts.get(String(contactUuid)) ?? {};
		const total = amount(fields.total);
		const totalPaid = stored.paidElsewhere + this.paidThrough(uuid);
		const outstandingAmount = Math.max(0, total - totalPaid);
		const status = stored.statusSet ?? (outstandingAmount === 0 ? 'PAID' : 'UNPAID');
		const dueDate = String(fields.dueDate);
		let level = dueDate > today() ? 'UPCOMING' : dueDate === today() ? 'DUE' : 'OVER-DUE';
		if (status === 'PAID') level = 'PAID';
		const payments = [...this.payments.values()].filter((payment) => payment.invoiceUuid === uuid);
		const lastPayment = payments
			.map((payment) => String(payment.fields.date))
			.sort()
			.at(-1);
		const view: Fields = {
			remindersEnabled: true,
			...fields,
			status,
			contact: {
				uuid: contactUuid,
				name: contact.name ?? null,
				firstName: contact.firstName ?? null,
				lastName: contact.lastName ?? null,
				phoneNumber: contact.phoneNumber ?? null,
				email: contact.email ?? null,
			},
			createdAt: stored.createdAt,
			totalPaid,
			outstandingAmount,
			paidDate: status === 'PAID' ? (lastPayment ?? today()) : null,
			level,
			risk: 'LOW',
			currencyCode: 'SAR',
		};
		if (withDetails) {
			view.history = [
				{ uuid: randomUUID(), type: 'CREATED', createdAt: `${stored.createdAt}T00:00:00Z` },
			];
			view.payment = payments.map((payment) => payment.fields);
		}
		return view;
	}

	createPayment(invoiceUuid: string, body: Fields): Fields {
		const uuid = randomUUID();
		this.payments.set(uuid, { fields: { paymentType: 'PAYMENT', ...body, uuid }, invoiceUuid });
		return this.paymentView(uuid);
	}

	updatePayment(uuid: string, body: Fields): Fields | undefined {
		const stored = this.payments.get(uuid);
		if (!stored) return undefined;
		stored.fields = { ...stored.fields, ...body };
		return this.paymentView(uuid);
	}

	/** The documented Payment object: no ext* ids, an onlinePaymentId. */
	private paymentView(uuid: string): Fields {
		const { extPlatformId, extInvoiceId, ...fields } = (this.payments.get(uuid) as StoredPayment)
			.fields;
		void extPlatformId;
		void extInvoiceId;
		return { ...fields, onlinePaymentId: null };
	}
}
