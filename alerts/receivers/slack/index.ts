import { fetchBytes } from '../../../core/http.ts';
import type { Notification } from '../../types.ts';
import { alertLines, cap, headline } from '../format.ts';
import type { ReceiverFactory } from '../types.ts';

/** Slack mrkdwn treats &, < and > as markup; escaping them is all Slack asks. */
export function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SEVERITY_EMOJI: Record<string, string> = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:', crisis: ':fire:' };

/** Block Kit message for an incoming webhook (max 50 blocks: a few alerts per message). */
export function slackPayload(n: Notification, channel?: string): Record<string, unknown> {
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: cap(headline(n), 150) } }];
  for (const a of n.alerts.slice(0, 8)) {
    const l = alertLines(a);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${SEVERITY_EMOJI[a.severity] ?? ''} *${slackEscape(l.title)}*` } });
    blocks.push({ type: 'section', fields: l.facts.slice(0, 10).map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${slackEscape(v)}` })) });
    const ctx = [
      a.explanation.summary ? `Why: ${slackEscape(cap(a.explanation.summary))}` : '',
      l.terms ? `Top terms: ${slackEscape(l.terms)}` : '',
      l.authors ? `Top authors: ${slackEscape(l.authors)}` : '',
      l.samples ? `Sample mentions: ${slackEscape(l.samples)}` : '',
    ].filter(Boolean);
    if (ctx.length) blocks.push({ type: 'context', elements: ctx.map((t) => ({ type: 'mrkdwn', text: t })) });
    const buttons = [
      a.ackUrl && a.status === 'firing' ? { type: 'button', text: { type: 'plain_text', text: 'Acknowledge' }, url: a.ackUrl, style: 'primary' } : null,
      a.resolveUrl && a.status !== 'resolved' ? { type: 'button', text: { type: 'plain_text', text: 'Resolve' }, url: a.resolveUrl } : null,
      a.url ? { type: 'button', text: { type: 'plain_text', text: 'Evidence' }, url: a.url } : null,
    ].filter(Boolean);
    if (buttons.length) blocks.push({ type: 'actions', elements: buttons });
    blocks.push({ type: 'divider' });
  }
  if (n.alerts.length > 8) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${n.alerts.length - 8} more` }] });
  return { text: headline(n), blocks, ...(channel ? { channel } : {}) };
}

export const slackReceiver: ReceiverFactory<'slack'> = (cfg, deps) => ({
  name: cfg.name,
  type: 'slack',
  async send(n, signal) {
    await fetchBytes(cfg.url, {
      dispatcher: deps.dispatcher, method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(slackPayload(n, cfg.channel)), signal, clock: deps.clock, maxRedirects: 0,
    });
  },
});
