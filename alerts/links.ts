import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed one-click links: `${publicUrl}/a/<token>`, token =
 * base64url(alertId|action|expiresAt|actor) + "." + base64url(HMAC-SHA256(secret, payload)).
 * Anyone holding the link may act once until it expires; that is the point of it.
 */
export type LinkAction = 'ack' | 'resolve';

export interface VerifiedLink {
  alertId: string;
  action: LinkAction;
  actor: string;
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signLink(secret: string, alertId: string, action: LinkAction, expiresAt: number, actor = 'link'): string {
  const payload = Buffer.from(`${alertId}|${action}|${expiresAt}|${actor}`, 'utf8').toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Null when the token is malformed, forged, or expired at `now`. */
export function verifyLink(secret: string, token: string, now: number): VerifiedLink | null {
  if (!secret || token.length > 2048) return null;
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  // Compare the text, not decoded bytes: base64url's spare bits would let several spellings of one signature pass.
  const want = Buffer.from(mac(secret, payload).toString('base64url'));
  const got = Buffer.from(sig);
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  const [alertId, action, exp, actor] = Buffer.from(payload, 'base64url').toString('utf8').split('|');
  if (!alertId || (action !== 'ack' && action !== 'resolve') || !exp || !(Number(exp) > now)) return null;
  return { alertId, action, actor: actor || 'link' };
}

export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/a/${token}`;
}
