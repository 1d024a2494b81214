/**
 * Why a call result did not reach the execution waiting for it, in words an operator can act on: logged
 * by the trigger and put in its output item (`relayError`). Addresses only: the resume URL's signature is
 * a capability to resume that execution and never appears.
 */

const SETTING_HINT =
	'That Call and Wait for Result will end on its time limit (the result is in this output).';

function address(candidate: unknown): string {
	try {
		const url = new URL(String(candidate));
		return `${url.origin}${url.pathname}`;
	} catch {
		return `(not a URL: ${String(candidate).slice(0, 80)})`;
	}
}

export function notOursProblem(candidate: unknown, base: URL | undefined): string {
	return (
		`Levers Trigger: a call result carries a resume URL for ${address(candidate)}, but this n8n's own ` +
		`waiting address is ${base ? address(base) : '(unknown)'}: not relayed. ${SETTING_HINT} Give every ` +
		'n8n process the same WEBHOOK_URL (the public address).'
	);
}

/** Set when n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED) refused the request, else undefined. */
export function ssrfProblem(error: unknown, resumeUrl: string): string | undefined {
	const { name, ip } = (error ?? {}) as { name?: unknown; ip?: unknown };
	if (typeof name !== 'string' || !name.startsWith('Ssrf')) return undefined;
	const host = new URL(resumeUrl).hostname.replace(/^\[|\]$/g, '');
	const literal = /^[\d.]+$/.test(host) || host.includes(':');
	const blockedIp = typeof ip === 'string' ? ip : literal ? host : undefined;
	const range = blockedIp && `${blockedIp}${blockedIp.includes(':') ? '/128' : '/32'}`;
	const allow = literal
		? `add it to N8N_SSRF_ALLOWED_IP_RANGES (e.g. ${range})`
		: `add its host name to N8N_SSRF_ALLOWED_HOSTNAMES (${host})` +
			(range ? `, or its address to N8N_SSRF_ALLOWED_IP_RANGES (${range})` : '');
	return (
		`Levers Trigger: n8n's SSRF protection refused to relay a call result to its waiting execution at ` +
		`${address(resumeUrl)} (this instance's own address, from WEBHOOK_URL). ${SETTING_HINT} To allow ` +
		`it, ${allow}.`
	);
}
