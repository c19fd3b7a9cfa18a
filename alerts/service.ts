/**
 * What the API and the web page need from the alerting module. The alerting
 * module implements it; the API depends only on this file, so each can be
 * built, run and tested without the other.
 */
export type Severity = 'info' | 'warning' | 'critical' | 'crisis';
export type AlertStatus = 'firing' | 'acknowledged' | 'resolved';

/** Why an alert fired; the `--alerts-out` JSON carries the same fields. */
export interface Explanation {
  observed: number;
  expected: number;
  band: [number, number];
  score: number;
  windowStart: string;
  windowEnd: string;
  topTerms: string[];
  sampleMentionIds: string[];
  topAuthors?: Array<{ name: string; reach: number }>;
  topSources?: Array<{ source: string; count: number }>;
  summary?: string;
}

export interface AlertSummary {
  id: string;
  brand: string;
  kind: string;
  severity: Severity;
  status: AlertStatus;
  title: string;
  labels: Record<string, string>;
  firedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  explanation: Explanation;
}

export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface AlertFilter {
  status?: AlertStatus;
  brand?: string;
  severity?: Severity;
  limit?: number;
  offset?: number;
}

export interface AlertService {
  list(filter: AlertFilter): Promise<{ items: AlertSummary[]; total: number }>;
  get(id: string): Promise<AlertSummary | null>;
  /** Stops escalation. Throws an EarshotError with code `not_found` or `conflict` (already resolved). */
  acknowledge(id: string, actor: string): Promise<AlertSummary>;
  resolve(id: string, actor: string): Promise<AlertSummary>;
  createSilence(silence: Omit<Silence, 'id'>): Promise<Silence>;
  listSilences(): Promise<Silence[]>;
  expireSilence(id: string, actor: string): Promise<void>;
  /** Checks a signed one-click link from a notification; null when forged or expired. */
  verifyActionLink(token: string): { alertId: string; action: 'ack' | 'resolve'; actor: string } | null;
}
