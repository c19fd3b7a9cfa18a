import { createHash } from 'node:crypto';
import type { Store } from './store/clickhouse.ts';
import { chTime } from './store/clickhouse.ts';

/**
 * Everything that happens to an alert, a care-queue item, a delivery or a
 * source is one row in the `events` table, so the boards can count it.
 *
 * kind     type (examples)                                               entity_id
 * alert    fired notified escalated acknowledged resolved                alert id
 * care     created joined claimed responded resolved dismissed snoozed    care item id
 *          reassigned sla_breached handed_to_sales
 * delivery sent failed retried gave_up                                   alert id (data: receiver, step)
 * ops      source_unhealthy source_recovered delivery_permanent_failure  source or receiver name
 */
export type EventKind = 'alert' | 'care' | 'delivery' | 'ops';

export interface EarshotEvent {
  at: number;
  kind: EventKind;
  type: string;
  entityId: string;
  brand?: string;
  actor?: string;
  fromState?: string;
  toState?: string;
  severity?: string;
  data?: Record<string, unknown>;
  /** Stable id so a retried write stores the event once; derived from the other fields when absent. */
  eventId?: string;
}

export function eventRow(e: EarshotEvent): Record<string, unknown> {
  const data = JSON.stringify(e.data ?? {});
  const eventId =
    e.eventId ??
    createHash('sha1').update(`${e.kind}|${e.type}|${e.entityId}|${e.at}|${e.actor ?? ''}|${e.toState ?? ''}|${data}`).digest('hex');
  return {
    event_id: eventId,
    at: chTime(e.at),
    kind: e.kind,
    type: e.type,
    entity_id: e.entityId,
    brand: e.brand ?? '',
    actor: e.actor ?? '',
    from_state: e.fromState ?? '',
    to_state: e.toState ?? '',
    severity: e.severity ?? '',
    data,
  };
}

/** Writes events in one batched insert. */
export async function writeEvents(store: Store, events: readonly EarshotEvent[]): Promise<void> {
  await store.insert('events', events.map(eventRow));
}
