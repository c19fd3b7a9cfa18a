import { fetchBytes } from '../../../core/http.ts';
import type { Notification } from '../../types.ts';
import { cap, plainText } from '../format.ts';
import type { ReceiverFactory } from '../types.ts';

const PD_SEVERITY: Record<string, string> = { info: 'info', warning: 'warning', critical: 'error', crisis: 'critical' };

/**
 * PagerDuty Events API v2: one event per alert, `dedup_key` = alert id, so
 * PagerDuty folds repeats into one incident and a resolved alert resolves it.
 */
export function pagerdutyEvents(n: Notification, routingKey: string): Array<Record<string, unknown>> {
  return n.alerts.map((a) => ({
    routing_key: routingKey,
    dedup_key: a.id,
    event_action: a.status === 'resolved' ? 'resolve' : a.status === 'acknowledged' ? 'acknowledge' : 'trigger',
    payload: {
      summary: cap(a.title, 1000),
      source: `earshot/${a.brand}`,
      severity: PD_SEVERITY[a.severity] ?? 'warning',
      timestamp: a.firedAt,
      component: a.brand,
      group: a.kind,
      class: a.kind,
      custom_details: { explanation: a.explanation, labels: a.labels, text: cap(plainText({ ...n, alerts: [a] }), 4000) },
    },
    links: [a.ackUrl ? { href: a.ackUrl, text: 'Acknowledge in earshot' } : null, a.url ? { href: a.url, text: 'Evidence' } : null].filter(Boolean),
  }));
}

export const pagerdutyReceiver: ReceiverFactory<'pagerduty'> = (cfg, deps) => ({
  name: cfg.name,
  type: 'pagerduty',
  async send(n, signal) {
    for (const event of pagerdutyEvents(n, cfg.routing_key)) {
      await fetchBytes(cfg.url, {
        dispatcher: deps.dispatcher, method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event), signal, clock: deps.clock, maxRedirects: 0,
      });
    }
  },
});
