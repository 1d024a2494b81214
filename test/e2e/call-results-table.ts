import type { OwnerSession } from './n8n-rest';

/**
 * The n8n Data Table the collect-call-results example writes to (an upsert keyed on eventId), as a user
 * creates it once in Data tables → Create: its name and columns match the example's "Call result row".
 */
export const CALL_RESULTS_TABLE = 'Levers call results';

const COLUMNS = [
	{ name: 'eventId', type: 'string' },
	{ name: 'crm_id', type: 'string' },
	{ name: 'outcome', type: 'string' },
	{ name: 'reasoning', type: 'string' },
	{ name: 'sentiment', type: 'string' },
	{ name: 'connected', type: 'boolean' },
	{ name: 'durationSeconds', type: 'number' },
	{ name: 'transcript', type: 'string' },
];

export interface CallResultRow {
	eventId: string;
	crm_id: string;
	outcome: string;
	[column: string]: unknown;
}

export interface CallResultsTable {
	/** The REST path of the project's data tables, and the table's id: enough to find it again. */
	base: string;
	id: string;
	rows(): Promise<CallResultRow[]>;
}

type Rest = Pick<OwnerSession, 'rest'>;

export async function createCallResultsTable(owner: Rest): Promise<CallResultsTable> {
	const project = await owner.rest<{ id: string }>('/projects/personal');
	const base = `/projects/${project.id}/data-tables`;
	const table = await owner.rest<{ id: string }>(base, {
		method: 'POST',
		body: JSON.stringify({ name: CALL_RESULTS_TABLE, columns: COLUMNS }),
	});
	return callResultsTable(owner, base, table.id);
}

/** A table created before (the queue tier creates it in its setup and reads it from the tests). */
export function callResultsTable(owner: Rest, base: string, id: string): CallResultsTable {
	return {
		base,
		id,
		async rows() {
			const rows: CallResultRow[] = [];
			for (let skip = 0; ; skip += 100) {
				const page = await owner.rest<{ count: number; data: CallResultRow[] }>(
					`${base}/${id}/rows?take=100&skip=${skip}`,
				);
				rows.push(...page.data);
				if (page.data.length < 100) return rows;
			}
		},
	};
}

/** How many rows each event id has: the example's promise is exactly one. */
export function rowsPerEvent(rows: CallResultRow[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const row of rows) counts.set(row.eventId, (counts.get(row.eventId) ?? 0) + 1);
	return counts;
}
