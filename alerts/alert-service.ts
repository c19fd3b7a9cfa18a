import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import { EarshotError, ValidationError } from '../core/errors.ts';
import type { EarshotEvent } from '../core/events.ts';
import type { AlertsConfig } from './config.ts';
import type { AlertEngine } from './engine.ts';
import { verifyLink } from './links.ts';
import { parseMatcher } from './matchers.ts';
import { activeSilences } from './mute.ts';
import type { AlertFilter, AlertService, AlertSummary, Silence } from './service.ts';
import type { AlertState } from './state.ts';
import type { AlertRecord } from './types.ts';

interface Deps {
  engine: AlertEngine;
  state: AlertState;
  config: AlertsConfig;
  clock: Clock;
  secret: string;
  record: (events: EarshotEvent[]) => Promise<void>;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export function toSummary(a: AlertRecord): AlertSummary {
  const s: AlertSummary = {
    id: a.id, brand: a.brand, kind: a.kind, severity: a.severity, status: a.status, title: a.title,
    labels: a.labels, firedAt: new Date(a.firedAt).toISOString(), explanation: a.explanation,
  };
  if (a.acknowledgedAt !== undefined) s.acknowledgedAt = iso(a.acknowledgedAt) as string;
  if (a.acknowledgedBy !== undefined) s.acknowledgedBy = a.acknowledgedBy;
  if (a.resolvedAt !== undefined) s.resolvedAt = iso(a.resolvedAt) as string;
  if (a.resolvedBy !== undefined) s.resolvedBy = a.resolvedBy;
  return s;
}

const MAX_SCAN = 10_000;

/** The AlertService contract (alerts/service.ts) over the alerter's state and engine. */
export class AlertsServiceImpl implements AlertService {
  constructor(private readonly d: Deps) {}

  async list(filter: AlertFilter): Promise<{ items: AlertSummary[]; total: number }> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    const offset = Math.max(filter.offset ?? 0, 0);
    const { ids } = await this.d.state.listIds(0, MAX_SCAN);
    const all: AlertSummary[] = [];
    for (const id of ids) {
      const a = await this.d.state.getAlert(id);
      if (!a) continue;
      if (filter.status && a.status !== filter.status) continue;
      if (filter.brand && a.brand !== filter.brand) continue;
      if (filter.severity && a.severity !== filter.severity) continue;
      all.push(toSummary(a));
    }
    return { items: all.slice(offset, offset + limit), total: all.length };
  }

  async get(id: string): Promise<AlertSummary | null> {
    const a = await this.d.state.getAlert(id);
    return a ? toSummary(a) : null;
  }

  async acknowledge(id: string, actor: string): Promise<AlertSummary> {
    return toSummary(await this.d.engine.acknowledge(id, actor));
  }

  async resolve(id: string, actor: string): Promise<AlertSummary> {
    return toSummary(await this.d.engine.resolve(id, actor));
  }

  async createSilence(input: Omit<Silence, 'id'>): Promise<Silence> {
    if (!Array.isArray(input.matchers) || input.matchers.length === 0) throw new ValidationError('give at least one matcher', 'matchers');
    input.matchers.forEach((m, i) => {
      // Re-parse so a bad regex is refused here, not when it is first matched.
      try {
        parseMatcher(`${m.name}${m.op}${JSON.stringify(m.value)}`);
      } catch (err) {
        throw new ValidationError((err as Error).message, `matchers[${i}]`);
      }
    });
    const starts = Date.parse(input.startsAt);
    const ends = Date.parse(input.endsAt);
    if (!Number.isFinite(starts)) throw new ValidationError('is not an ISO date', 'startsAt');
    if (!Number.isFinite(ends) || ends <= starts) throw new ValidationError('must be an ISO date after startsAt', 'endsAt');
    if (!input.createdBy) throw new ValidationError('say who creates the silence', 'createdBy');
    const s: Silence = { ...input, id: randomUUID(), comment: (input.comment ?? '').slice(0, 1000) };
    await this.d.state.putSilence(s);
    await this.d.record([{ at: this.d.clock.now(), kind: 'ops', type: 'silence_created', entityId: s.id, actor: s.createdBy, data: { ...s } }]);
    return s;
  }

  async listSilences(): Promise<Silence[]> {
    const now = this.d.clock.now();
    return activeSilences(this.d.config, await this.d.state.silences(), now);
  }

  async expireSilence(id: string, actor: string): Promise<void> {
    const s = (await this.d.state.silences()).find((x) => x.id === id);
    if (!s) throw new EarshotError(`no silence "${id}"`, { code: 'not_found' });
    const now = new Date(this.d.clock.now()).toISOString();
    await this.d.state.putSilence({ ...s, endsAt: now < s.endsAt ? now : s.endsAt });
    await this.d.record([{ at: this.d.clock.now(), kind: 'ops', type: 'silence_expired', entityId: id, actor }]);
  }

  verifyActionLink(token: string): { alertId: string; action: 'ack' | 'resolve'; actor: string } | null {
    return verifyLink(this.d.secret, token, this.d.clock.now());
  }
}
