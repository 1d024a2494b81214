import { randomBytes } from 'node:crypto';

export type TokenState = 'valid' | 'expired' | 'unknown';

/** Static tokens never expire; issued ones can be expired in bulk to mimic JWT expiry. */
export class TokenStore {
	private readonly staticTokens: Set<string>;
	private readonly issued = new Map<string, TokenState>();
	private issuedCount = 0;

	constructor(staticTokens: string[]) {
		this.staticTokens = new Set(staticTokens);
	}

	issue(): string {
		this.issuedCount += 1;
		const token = `sbx-issued-${this.issuedCount}-${randomBytes(8).toString('hex')}`;
		this.issued.set(token, 'valid');
		return token;
	}

	stateOf(token: string): TokenState {
		if (this.staticTokens.has(token)) return 'valid';
		return this.issued.get(token) ?? 'unknown';
	}

	expireIssued(): void {
		for (const token of this.issued.keys()) this.issued.set(token, 'expired');
	}

	clearIssued(): void {
		this.issued.clear();
		this.issuedCount = 0;
	}
}
