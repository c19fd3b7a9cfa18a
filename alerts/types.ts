import type { AlertStatus, AlertSummary, Explanation, Severity } from './service.ts';

/** One alert as the alerting module keeps it (Redis JSON). */
export interface AlertRecord {
  id: string;
  fingerprint: string;
  brand: string;
  kind: string;
  severity: Severity;
  status: AlertStatus;
  title: string;
  labels: Record<string, string>;
  firedAt: number;
  updatedAt: number;
  /** Last time the condition was seen outside its band (or the trigger fired again). */
  lastActiveAt: number;
  acknowledgedAt?: number;
  acknowledgedBy?: string;
  resolvedAt?: number;
  resolvedBy?: string;
  explanation: Explanation;
  /** Escalation policy chosen by the routing tree, and the next step to run. */
  escalation?: { policy: string; nextStep: number; startedAt: number };
  /** Group keys this alert belongs to (one per matched route). */
  groups: string[];
}

/** A notification group: alerts of one route with equal `group_by` labels. */
export interface GroupRecord {
  key: string;
  routeId: string;
  receiver: string;
  labels: Record<string, string>;
  alertIds: string[];
  createdAt: number;
  /** When the group was last notified (0 = never). */
  lastNotifiedAt: number;
  /** What the last notification said: alertId → `severity|status`. */
  notified: Record<string, string>;
  /** Notification counter, part of the idempotency key. */
  seq: number;
}

/** One message to one receiver; a BullMQ job carries it as it is. */
export interface Notification {
  /** Idempotency key: `<alertId or group>:<step>:<receiver>`; also the BullMQ jobId. */
  key: string;
  receiver: string;
  /** `group` = routing-tree notification, `escalation` = an escalation step. */
  reason: 'group' | 'escalation';
  /** Escalation step index (1-based), or the group's notification number. */
  step: number;
  /** Deliveries with the same orderKey for a receiver arrive in `seq` order. */
  orderKey: string;
  seq: number;
  at: number;
  groupLabels: Record<string, string>;
  alerts: NotifiedAlert[];
}

/** An alert as a notification carries it: the API's summary fields plus its links. */
export interface NotifiedAlert
  extends Pick<AlertSummary, 'id' | 'brand' | 'kind' | 'severity' | 'status' | 'title' | 'labels' | 'firedAt' | 'explanation'> {
  /** Signed one-click links; absent when no link secret is configured. */
  ackUrl?: string;
  resolveUrl?: string;
  /** Link to the alert in the web UI. */
  url?: string;
}

export type AlertEventName = 'fired' | 'notified' | 'escalated' | 'acknowledged' | 'resolved';

/** One line of `earshot replay --alerts-out`: names fixed by /work/shared/docs/interfaces.md. */
export interface AlertEventOut {
  event: AlertEventName;
  at: string;
  alertId: string;
  brand: string;
  severity: Severity;
  kind: string;
  explanation: Explanation;
  title: string;
  labels: Record<string, string>;
  actor?: string;
  receiver?: string;
  step?: number;
  /** `severity_rise`, `unacknowledged`, `auto` … why the event happened. */
  reason?: string;
  /** True on `notified` when delivery is off (replay without --deliver). */
  dryRun?: boolean;
}
