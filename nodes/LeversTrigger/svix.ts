import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Svix signature check, as the official library does it, on the exact request bytes:
 * HMAC-SHA256 over `id.timestamp.body` keyed with the base64 secret after `whsec_`, compared in constant
 * time with each `v1,<base64>` entry of `svix-signature` (several during a key rotation), and a timestamp
 * within five minutes either way. node:crypto only: a community node may not ship a runtime dependency.
 */

export const TOLERANCE_SECONDS = 5 * 60;

export interface SvixHeaders {
	id?: string;
	timestamp?: string;
	signature?: string;
}

/** Why a delivery was refused; never contains the secret or a signature. */
export type SvixResult = { valid: true } | { valid: false; reason: string };

const refuse = (reason: string): SvixResult => ({ valid: false, reason });

function secretBytes(secret: string): Buffer {
	const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
	return Buffer.from(encoded, 'base64');
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

export function verifySvix(
	secret: string,
	headers: SvixHeaders,
	rawBody: Buffer,
	nowSeconds: number,
): SvixResult {
	const { id, timestamp, signature } = headers;
	if (!id || !timestamp || !signature)
		return refuse('missing svix-id, svix-timestamp or svix-signature header');
	if (!/^\d+$/.test(timestamp)) return refuse('svix-timestamp is not a number of seconds');
	if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
		return refuse('svix-timestamp is more than 5 minutes away from now (replayed or clock skew)');
	}
	const key = secretBytes(secret.trim());
	if (key.length === 0) return refuse('the Webhook Signing Secret is not a whsec_ value');
	const expected = createHmac('sha256', key)
		.update(`${id}.${timestamp}.`)
		.update(rawBody)
		.digest('base64');
	const matches = signature
		.split(' ')
		.map((entry) => entry.split(','))
		.some(
			([version, value]) => version === 'v1' && value !== undefined && sameText(value, expected),
		);
	return matches ? { valid: true } : refuse('no signature matches (wrong secret or altered body)');
}
