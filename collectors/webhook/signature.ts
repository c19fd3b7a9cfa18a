import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature: `X-Earshot-Signature: sha256=<hex>` over
 * `${timestamp}.${rawBody}` with the source's shared secret, and
 * `X-Earshot-Timestamp: <unix seconds>`. Signing the timestamp binds it to
 * the body, so an old request cannot be replayed with a fresh timestamp.
 */

export const SIGNATURE_HEADER = 'x-earshot-signature';
export const TIMESTAMP_HEADER = 'x-earshot-timestamp';

export function sign(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type Verdict = { ok: true; signature: string } | { ok: false; status: 401; code: string; message: string };

/** Checks timestamp and signature; constant-time over the digest. */
export function verify(o: {
  secret: string;
  body: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
  toleranceSeconds: number;
}): Verdict {
  const fail = (code: string, message: string): Verdict => ({ ok: false, status: 401, code, message });
  if (!o.timestamp || !/^\d{1,12}$/.test(o.timestamp.trim())) {
    return fail('missing_timestamp', `send ${TIMESTAMP_HEADER}: <unix seconds> with every request`);
  }
  const skew = Math.round(o.nowMs / 1000 - Number(o.timestamp));
  if (Math.abs(skew) > o.toleranceSeconds) {
    return fail('stale_timestamp', `${TIMESTAMP_HEADER} is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'in the future'}; allowed ±${o.toleranceSeconds} s (sign each request when sending it, and check the sender's clock)`);
  }
  const m = /^sha256=([0-9a-f]{64})$/i.exec(o.signature?.trim() ?? '');
  if (!m?.[1]) return fail('missing_signature', `send ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`);
  const expected = Buffer.from(sign(o.secret, o.timestamp.trim(), o.body).slice(7), 'hex');
  const given = Buffer.from(m[1], 'hex');
  if (!timingSafeEqual(expected, given)) {
    return fail('bad_signature', `${SIGNATURE_HEADER} does not match: sign "<timestamp>.<raw body>" with the source's shared secret (HMAC-SHA256, hex)`);
  }
  return { ok: true, signature: m[1].toLowerCase() };
}
