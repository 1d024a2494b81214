/**
 * Request-body validation that answers like FastAPI + pydantic v2 (the Levers API's stack), so the
 * node's error handling is exercised against the 422 shape it will meet in production.
 */

export type Loc = Array<string | number>;

export interface ValidationIssue {
	loc: Loc;
	msg: string;
	type: string;
}

export type BodyParseResult = { ok: true; value: unknown } | { ok: false; issue: ValidationIssue };

export type FieldCheck = (value: unknown, loc: Loc) => ValidationIssue[];

export interface FieldRule {
	name: string;
	check: FieldCheck;
	required?: boolean;
}

const issue = (loc: Loc, msg: string, type: string): ValidationIssue => ({ loc, msg, type });

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** FastAPI only decodes JSON when content-type is absent or application/json (or +json). */
function isJsonContentType(contentType: string | undefined): boolean {
	if (contentType === undefined || contentType === '') return true;
	const mediaType = contentType.split(';')[0].trim().toLowerCase();
	return mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);
}

/** Node's JSON.parse message carries the offset on some inputs; FastAPI puts it in loc. */
function jsonErrorPosition(error: unknown): number {
	const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
	return match ? Number(match[1]) : 0;
}

export function parseBodyLikeFastApi(
	rawBody: string,
	contentType: string | undefined,
): BodyParseResult {
	if (rawBody === '') return { ok: false, issue: issue(['body'], 'Field required', 'missing') };
	// A non-JSON content type reaches pydantic as raw bytes, which no model accepts.
	if (!isJsonContentType(contentType)) return { ok: true, value: rawBody };
	try {
		return { ok: true, value: JSON.parse(rawBody) };
	} catch (error) {
		const position = jsonErrorPosition(error);
		return { ok: false, issue: issue(['body', position], 'JSON decode error', 'json_invalid') };
	}
}

/** Checks fields in rule order; absent optional fields and null optional fields pass. */
export function validateFields(
	body: unknown,
	rules: FieldRule[],
	loc: Loc = ['body'],
): ValidationIssue[] {
	if (!isPlainObject(body)) {
		const msg = 'Input should be a valid dictionary or object to extract fields from';
		return [issue(loc, msg, 'model_attributes_type')];
	}
	return rules.flatMap(({ name, check, required }) => {
		const present = Object.prototype.hasOwnProperty.call(body, name);
		if (!present) return required ? [issue([...loc, name], 'Field required', 'missing')] : [];
		const value = body[name];
		if (value === null && !required) return [];
		return check(value, [...loc, name]);
	});
}

/** A nested pydantic model: its issues carry the full path, e.g. ['body', 'contacts', 3, 'numberToCall']. */
export const modelField =
	(rules: FieldRule[]): FieldCheck =>
	(value, loc) =>
		validateFields(value, rules, loc);

/** list[T]: each element checked under its index. */
export const listField =
	(element: FieldCheck): FieldCheck =>
	(value, loc) =>
		Array.isArray(value)
			? value.flatMap((entry, index) => element(entry, [...loc, index]))
			: [issue(loc, 'Input should be a valid list', 'list_type')];

/** int with ge/le bounds; JSON booleans and fractions are not integers. */
export const integerField =
	(min: number, max: number): FieldCheck =>
	(value, loc) => {
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			return [issue(loc, 'Input should be a valid integer', 'int_type')];
		}
		if (!Number.isInteger(value)) {
			const msg = 'Input should be a valid integer, got a number with a fractional part';
			return [issue(loc, msg, 'int_from_float')];
		}
		if (value < min) {
			return [issue(loc, `Input should be greater than or equal to ${min}`, 'greater_than_equal')];
		}
		if (value > max) {
			return [issue(loc, `Input should be less than or equal to ${max}`, 'less_than_equal')];
		}
		return [];
	};

export const stringField: FieldCheck = (value, loc) =>
	typeof value === 'string' ? [] : [issue(loc, 'Input should be a valid string', 'string_type')];

export const booleanField: FieldCheck = (value, loc) =>
	typeof value === 'boolean' ? [] : [issue(loc, 'Input should be a valid boolean', 'bool_type')];

export const objectField: FieldCheck = (value, loc) =>
	isPlainObject(value) ? [] : [issue(loc, 'Input should be a valid dictionary', 'dict_type')];

const UUID_SHAPE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

export const uuidField: FieldCheck = (value, loc) => {
	if (typeof value !== 'string') {
		return [issue(loc, 'UUID input should be a string, bytes or UUID object', 'uuid_type')];
	}
	return UUID_SHAPE.test(value) ? [] : [issue(loc, 'Input should be a valid UUID', 'uuid_parsing')];
};

/** dict[str, str]: each bad value is reported under its own key, as pydantic does. */
export const stringRecordField: FieldCheck = (value, loc) => {
	if (!isPlainObject(value)) return objectField(value, loc);
	return Object.entries(value).flatMap(([key, entry]) => stringField(entry, [...loc, key]));
};
