import type { Notification, NotifiedAlert } from '../types.ts';

/**
 * The words every receiver shows, so a Slack message, an e-mail and a webhook
 * say the same thing. User text (terms, authors, titles) is capped here; each
 * receiver escapes it for its own markup.
 */
export const MAX_TEXT = 300;

export function cap(s: string, n = MAX_TEXT): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

const num = (v: number) => (Math.abs(v) < 1 && v !== 0 ? `${Math.round(v * 1000) / 10}%` : String(Math.round(v * 10) / 10));

export function headline(n: Notification): string {
  const worst = n.alerts.reduce((w, a) => (rank(a.severity) > rank(w) ? a.severity : w), 'info' as NotifiedAlert['severity']);
  const firing = n.alerts.filter((a) => a.status !== 'resolved').length;
  const resolved = n.alerts.length - firing;
  const who = n.groupLabels.brand ?? n.alerts[0]?.brand ?? '';
  const prefix = n.reason === 'escalation' ? `ESCALATION step ${n.step}: ` : '';
  const parts = [firing ? `${firing} firing` : '', resolved ? `${resolved} resolved` : ''].filter(Boolean).join(', ');
  return cap(`${prefix}[${worst.toUpperCase()}] ${who}: ${parts}`, 150);
}

function rank(s: string): number {
  return ['info', 'warning', 'critical', 'crisis'].indexOf(s);
}

export interface AlertLines {
  title: string;
  facts: Array<[string, string]>;
  terms: string;
  authors: string;
  samples: string;
}

export function alertLines(a: NotifiedAlert): AlertLines {
  const e = a.explanation;
  const facts: Array<[string, string]> = [
    ['Status', a.status],
    ['Severity', a.severity],
    ['Observed', num(e.observed)],
    ['Expected', `${num(e.expected)} (band ${num(e.band[0])}–${num(e.band[1])})`],
    ['Score', e.score.toFixed(2)],
    ['Window', `${e.windowStart} – ${e.windowEnd}`],
  ];
  if (e.topSources?.length) facts.push(['Sources', cap(e.topSources.slice(0, 5).map((s) => `${s.source} (${s.count})`).join(', '))]);
  return {
    title: cap(a.title, 200),
    facts,
    terms: cap(e.topTerms.slice(0, 10).join(', ')),
    authors: cap((e.topAuthors ?? []).slice(0, 5).map((x) => `${x.name} (${Math.round(x.reach)})`).join(', ')),
    samples: cap(e.sampleMentionIds.slice(0, 5).join(', ')),
  };
}

/** Plain text rendering (e-mail text part, PagerDuty summary, log receiver). */
export function plainText(n: Notification): string {
  const out: string[] = [headline(n), ''];
  for (const a of n.alerts) {
    const l = alertLines(a);
    out.push(l.title);
    for (const [k, v] of l.facts) out.push(`  ${k}: ${v}`);
    if (a.explanation.summary) out.push(`  Why: ${cap(a.explanation.summary)}`);
    if (l.terms) out.push(`  Top terms: ${l.terms}`);
    if (l.authors) out.push(`  Top authors: ${l.authors}`);
    if (l.samples) out.push(`  Sample mentions: ${l.samples}`);
    if (a.url) out.push(`  Evidence: ${a.url}`);
    if (a.ackUrl) out.push(`  Acknowledge: ${a.ackUrl}`);
    if (a.resolveUrl) out.push(`  Resolve: ${a.resolveUrl}`);
    out.push('');
  }
  return out.join('\n');
}
