import { createSign } from 'node:crypto';
import { PermanentError } from '../../core/errors.ts';
import type { Clock } from '../../core/clock.ts';
import type { SourceHttp } from '../common.ts';
import type { ServiceAccount } from './config.ts';

const SCOPE = 'https://www.googleapis.com/auth/androidpublisher';
const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/** An RS256-signed JWT assertion for the OAuth 2.0 JWT bearer grant (RFC 7523), valid one hour. */
export function signAssertion(sa: ServiceAccount, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iss: sa.clientEmail, scope: SCOPE, aud: sa.tokenUri, iat, exp: iat + 3600 }));
  const signer = createSign('RSA-SHA256');
  signer.update(`${head}.${claims}`);
  return `${head}.${claims}.${b64url(signer.sign(sa.privateKey))}`;
}

/**
 * The service account's access token, fetched with the JWT bearer flow and
 * kept until a minute before it expires (on the injected clock).
 */
export class ServiceAccountToken {
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly sa: ServiceAccount,
    private readonly http: SourceHttp,
    private readonly clock: Clock,
  ) {}

  /** Forget the token (the API refused it); the next `get` fetches a new one. */
  invalidate(): void {
    this.token = null;
  }

  async get(signal: AbortSignal): Promise<string> {
    const now = this.clock.now();
    if (this.token && now < this.token.until) return this.token.value;
    let assertion: string;
    try {
      assertion = signAssertion(this.sa, now);
    } catch (err) {
      throw new PermanentError('serviceAccount.private_key cannot sign (not an RSA private key in PEM form)', { code: 'auth_failed', cause: err });
    }
    let res;
    try {
      res = await this.http.json<{ access_token?: unknown; expires_in?: unknown }>(this.sa.tokenUri, {
        signal,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      });
    } catch (err) {
      // invalid_grant / unauthorized_client come back as 400: the key is wrong, revoked or the clock is off.
      if (err instanceof PermanentError && /http_400/.test(err.code)) throw new PermanentError(`token endpoint refused the service account (${err.message})`, { code: 'auth_failed', cause: err });
      throw err;
    }
    const value = res.json?.access_token;
    if (typeof value !== 'string' || !value) throw new PermanentError('token endpoint answered without access_token', { code: 'auth_failed' });
    const ttl = typeof res.json?.expires_in === 'number' ? res.json.expires_in : 3600;
    this.token = { value, until: now + Math.max(0, ttl - 60) * 1000 };
    return value;
  }
}
