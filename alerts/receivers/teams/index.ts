import { fetchBytes } from '../../../core/http.ts';
import type { Notification } from '../../types.ts';
import { alertLines, cap, headline } from '../format.ts';
import type { ReceiverFactory } from '../types.ts';

/**
 * Adaptive Card for a Teams workflow ("When a Teams webhook request is
 * received"). TextBlocks render a Markdown subset; user text has its markup
 * characters escaped so a post cannot inject links or formatting.
 */
export function teamsEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
}

export function teamsPayload(n: Notification): Record<string, unknown> {
  const body: unknown[] = [{ type: 'TextBlock', size: 'Large', weight: 'Bolder', wrap: true, text: teamsEscape(headline(n)) }];
  const actions: unknown[] = [];
  for (const a of n.alerts.slice(0, 10)) {
    const l = alertLines(a);
    body.push({ type: 'TextBlock', weight: 'Bolder', wrap: true, separator: true, text: teamsEscape(l.title) });
    body.push({ type: 'FactSet', facts: l.facts.map(([title, value]) => ({ title, value: teamsEscape(value) })) });
    for (const [label, v] of [['Why', a.explanation.summary ? cap(a.explanation.summary) : ''], ['Top terms', l.terms], ['Top authors', l.authors], ['Sample mentions', l.samples]] as const) {
      if (v) body.push({ type: 'TextBlock', wrap: true, isSubtle: true, text: `${label}: ${teamsEscape(v)}` });
    }
    if (a.ackUrl && a.status === 'firing') actions.push({ type: 'Action.OpenUrl', title: `Acknowledge ${a.kind}`, url: a.ackUrl });
    if (a.url) actions.push({ type: 'Action.OpenUrl', title: `Evidence (${a.kind})`, url: a.url });
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body, actions: actions.slice(0, 6) },
      },
    ],
  };
}

export const teamsReceiver: ReceiverFactory<'teams'> = (cfg, deps) => ({
  name: cfg.name,
  type: 'teams',
  async send(n, signal) {
    await fetchBytes(cfg.url, {
      dispatcher: deps.dispatcher, method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(teamsPayload(n)), signal, clock: deps.clock, maxRedirects: 0,
    });
  },
});
