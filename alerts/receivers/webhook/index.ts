import { createHmac } from 'node:crypto';
import { fetchBytes } from '../../../core/http.ts';
import type { ReceiverFactory } from '../types.ts';

/**
 * Generic webhook: the notification as JSON, POSTed. With a `secret`, signed
 * like Stripe/GitHub: `X-Earshot-Timestamp: <unix ms>` and
 * `X-Earshot-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`,
 * so the receiver can reject forgeries and replays. `Idempotency-Key` carries
 * the delivery key: a receiver that got a retry twice can tell.
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export const webhookReceiver: ReceiverFactory<'webhook'> = (cfg, deps) => ({
  name: cfg.name,
  type: 'webhook',
  async send(n, signal) {
    const body = JSON.stringify({ version: 1, ...n, at: new Date(n.at).toISOString() });
    const ts = deps.clock.now();
    const headers: Record<string, string> = {
      ...cfg.headers,
      'content-type': 'application/json',
      'idempotency-key': n.key,
      'x-earshot-timestamp': String(ts),
    };
    if (cfg.secret) headers['x-earshot-signature'] = signBody(cfg.secret, ts, body);
    await fetchBytes(cfg.url, { dispatcher: deps.dispatcher, method: 'POST', headers, body, signal, clock: deps.clock, maxRedirects: 0 });
  },
});
