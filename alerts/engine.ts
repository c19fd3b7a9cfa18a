import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import { EarshotError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { silentLogger } from '../core/logger.ts';
import type { Mention } from '../core/mention.ts';
import type { AlertsConfig } from './config.ts';
import { severityRank } from './config.ts';
import { Dispatcher, type NotifyFn } from './dispatch.ts';
import { buildRoute, groupKey, matchRoutes, type Route } from './route.ts';
import type { AlertState } from './state.ts';
import { evaluateMention, evaluateWindow, type Candidate, type WindowEvaluation } from './triggers.ts';
import type { Severity } from './service.ts';
import type { AlertEventName, AlertEventOut, AlertRecord } from './types.ts';

export type EmitFn = (e: AlertEventOut) => Promise<void> | void;

export interface EngineOptions {
  config: AlertsConfig;
  clock: Clock;
  state: AlertState;
  /** Every alert event: history, `--alerts-out`, metrics. */
  emit: EmitFn;
  /** Hands a notification to delivery (or records it as "would notify"). */
  notify: NotifyFn;
  /** Builds signed links and UI links for a notified alert. */
  links?: (alertId: string, at: number) => { ackUrl?: string; resolveUrl?: string; url?: string };
  logger?: Logger;
}

/**
 * The alert lifecycle: candidates from windows and mentions become alerts
 * (fingerprint = brand + kind + labels), are updated while the condition holds,
 * auto-resolve after `monitor.resolve_after` back within band, and are routed
 * into groups whose notifications and escalations run on due-time timers kept in
 * the state, so a restarted alerter picks them up. One operation at a time.
 */
export class AlertEngine {
  readonly route: Route;
  private readonly dispatcher: Dispatcher;
  private readonly logger: Logger;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: EngineOptions) {
    this.route = buildRoute(o.config.route);
    this.logger = o.logger ?? silentLogger;
    this.dispatcher = new Dispatcher({ ...o, route: this.route, logger: this.logger, event: (n, a, at, extra) => this.event(n, a, at, extra) });
  }

  /** Serialises state changes: timers, API calls and the monitor all come through here. */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  async event(name: AlertEventName, a: AlertRecord, at: number, extra: Partial<AlertEventOut> = {}): Promise<void> {
    await this.o.emit({
      event: name,
      at: new Date(at).toISOString(),
      alertId: a.id,
      brand: a.brand,
      severity: a.severity,
      kind: a.kind,
      explanation: a.explanation,
      title: a.title,
      labels: a.labels,
      ...extra,
    });
  }

  /** A window closed: fire or update alerts, and keep alive those still outside their band. */
  windowClosed(ev: WindowEvaluation): Promise<void> {
    return this.locked(async () => {
      const { candidates, outOfBand } = evaluateWindow(this.o.config, ev);
      const at = Math.max(this.o.clock.now(), ev.windowEnd);
      for (const c of candidates) await this.submitLocked(c, at);
      for (const [kind, metric] of outOfBand) {
        if (candidates.some((c) => c.kind === kind)) continue;
        const id = await this.o.state.activeId(fingerprint(ev.brand, kind, { ...ev.dims, metric }));
        if (id) await this.keepAlive(id, at);
      }
    });
  }

  /** Per-mention triggers (crisis term from a big account, lead, bad review). */
  mention(m: Mention): Promise<void> {
    const candidates = evaluateMention(this.o.config, m);
    if (!candidates.length) return Promise.resolve();
    return this.locked(async () => {
      const at = this.o.clock.now();
      for (const c of candidates) await this.submitLocked(c, at);
    });
  }

  /** Raises or updates an alert directly (tests, the API, other modules). */
  submit(c: Candidate): Promise<AlertRecord> {
    return this.locked(() => this.submitLocked(c, this.o.clock.now()));
  }

  private async keepAlive(id: string, at: number): Promise<void> {
    const a = await this.o.state.updateAlert(id, (x) => {
      if (x.status === 'resolved') return false;
      x.lastActiveAt = at;
    });
    if (a && a.status !== 'resolved') await this.o.state.schedule(`resolve:${id}`, at + this.o.config.monitor.resolve_after);
  }

  private async submitLocked(c: Candidate, at: number): Promise<AlertRecord> {
    const fp = fingerprint(c.brand, c.kind, c.labels);
    const id = await this.o.state.activeId(fp);
    // Applied to the freshest record: an ack from the API in the meantime stays (unless the severity rises).
    const rise = { from: null as Severity | null };
    const a = id ? await this.o.state.updateAlert(id, (x) => this.applyCandidate(x, c, at, rise)) : null;
    if (!a || a.status === 'resolved') return this.fire(c, fp, at);
    let stored = a;
    if (rise.from) {
      await this.event('escalated', a, at, { reason: 'severity_rise', actor: `severity ${rise.from} → ${c.severity}` });
      stored = await this.routeAlert(a, at);
    }
    await this.o.state.schedule(`resolve:${a.id}`, at + this.o.config.monitor.resolve_after);
    return stored;
  }

  private async fire(c: Candidate, fp: string, at: number): Promise<AlertRecord> {
    const a: AlertRecord = {
      id: createHash('sha1').update(`${fp}|${at}`).digest('hex').slice(0, 16),
      fingerprint: fp,
      brand: c.brand,
      kind: c.kind,
      severity: c.severity,
      status: 'firing',
      title: c.title,
      labels: { ...c.labels, alertname: c.kind, brand: c.brand, kind: c.kind, severity: c.severity },
      firedAt: at,
      updatedAt: at,
      lastActiveAt: at,
      explanation: c.explanation,
      groups: [],
    };
    await this.o.state.putAlert(a);
    await this.o.state.setActive(fp, a.id);
    await this.event('fired', a, at);
    const routed = await this.routeAlert(a, at);
    await this.o.state.schedule(`resolve:${a.id}`, at + this.o.config.monitor.resolve_after);
    return routed;
  }

  /** A repeat of an active alert's condition, as an `updateAlert` change (pure: it may run twice). */
  private applyCandidate(a: AlertRecord, c: Candidate, at: number, rise: { from: Severity | null }): boolean | void {
    rise.from = null;
    if (a.status === 'resolved') return false;
    const rose = severityRank(c.severity) > severityRank(a.severity);
    if (c.accumulate) {
      const e = a.explanation;
      const merge = <T>(x: T[] | undefined, y: T[] | undefined, key: (v: T) => string) => {
        const seen = new Set<string>();
        return [...(x ?? []), ...(y ?? [])].filter((v) => !seen.has(key(v)) && seen.add(key(v))).slice(0, 10);
      };
      a.explanation = {
        ...e,
        observed: e.observed + 1,
        windowEnd: c.explanation.windowEnd,
        topTerms: merge(e.topTerms, c.explanation.topTerms, String),
        sampleMentionIds: merge(e.sampleMentionIds, c.explanation.sampleMentionIds, String),
        topAuthors: merge(e.topAuthors, c.explanation.topAuthors, (v) => v.name),
      };
    } else if (rose || c.explanation.score >= a.explanation.score) {
      a.explanation = c.explanation;
      a.title = c.title;
    }
    a.updatedAt = at;
    a.lastActiveAt = at;
    if (rose) {
      rise.from = a.severity;
      a.severity = c.severity;
      a.labels = { ...a.labels, severity: c.severity };
      // A worse situation is news even to whoever acknowledged the milder one.
      a.status = 'firing';
      delete a.acknowledgedAt;
      delete a.acknowledgedBy;
    }
  }

  /** Puts the alert into the groups of its routes and starts its escalation policy; returns the stored record. */
  private async routeAlert(a: AlertRecord, at: number): Promise<AlertRecord> {
    const routes = matchRoutes(this.route, a.labels);
    const keys = new Set<string>();
    for (const r of routes) {
      const { key, labels } = groupKey(r, a.labels);
      keys.add(key);
      const g = (await this.o.state.getGroup(key)) ?? {
        key, routeId: r.id, receiver: r.receiver, labels, alertIds: [], createdAt: at, lastNotifiedAt: 0, notified: {}, seq: 0,
      };
      const isNew = g.alertIds.length === 0 && g.lastNotifiedAt === 0;
      if (!g.alertIds.includes(a.id)) g.alertIds.push(a.id);
      await this.o.state.putGroup(g);
      // A new group waits group_wait to gather related alerts; a known one goes on at its group_interval.
      if (isNew) await this.o.state.schedule(`flush:${key}`, at + r.groupWait);
    }
    for (const old of a.groups) {
      if (keys.has(old)) continue;
      const g = await this.o.state.getGroup(old);
      if (g) {
        g.alertIds = g.alertIds.filter((x) => x !== a.id);
        delete g.notified[a.id];
        await this.o.state.putGroup(g);
      }
    }
    // Groups and escalation are the alerter's alone: deciding from `a` is safe, the write still goes to the freshest record.
    const policy = routes.find((r) => r.escalation)?.escalation;
    const start = policy && a.escalation?.policy !== policy && this.o.config.escalation_policies[policy] ? policy : null;
    const stored = await this.o.state.updateAlert(a.id, (x) => {
      x.groups = [...keys];
      if (start) x.escalation = { policy: start, nextStep: 0, startedAt: at };
    });
    const first = start ? this.o.config.escalation_policies[start]?.steps[0] : undefined;
    if (first) await this.o.state.schedule(`esc:${a.id}`, at + first.after);
    return stored ?? a;
  }

  /** Runs every timer due at or before `now`, each at its own due time, in order. */
  tick(now: number): Promise<number> {
    return this.locked(async () => {
      let ran = 0;
      for (;;) {
        const t = await this.o.state.nextDue(now);
        if (!t) return ran;
        ran++;
        await this.o.state.cancel(t.key);
        try {
          await this.runTimer(t.key, t.dueAt);
        } catch (err) {
          // Re-run later rather than lose it (a delivery queue or store hiccup).
          this.logger.warn('alert timer failed; retrying in 1 minute', { timer: t.key, error: (err as Error).message });
          await this.o.state.schedule(t.key, Math.max(now, t.dueAt) + 60_000);
        }
      }
    });
  }

  private async runTimer(key: string, at: number): Promise<void> {
    const sep = key.indexOf(':');
    const type = key.slice(0, sep);
    const rest = key.slice(sep + 1);
    if (type === 'flush') await this.dispatcher.flushGroup(rest, at);
    else if (type === 'esc') await this.dispatcher.escalate(rest, at);
    else if (type === 'resolve') await this.resolveLocked(rest, 'auto', at);
  }

  acknowledge(id: string, actor: string): Promise<AlertRecord> {
    return this.locked(async () => {
      const at = this.o.clock.now();
      const was = { status: null as AlertRecord['status'] | null };
      const a = await this.o.state.updateAlert(id, (x) => {
        was.status = x.status;
        if (x.status !== 'firing') return false;
        x.status = 'acknowledged';
        x.acknowledgedAt = at;
        x.acknowledgedBy = actor;
        x.updatedAt = at;
      });
      if (!a) throw new EarshotError(`no alert "${id}"`, { code: 'not_found' });
      if (was.status === 'resolved') throw new EarshotError(`alert "${id}" is already resolved`, { code: 'conflict' });
      if (was.status === 'acknowledged') return a;
      await this.o.state.cancel(`esc:${a.id}`);
      await this.event('acknowledged', a, at, { actor });
      return a;
    });
  }

  resolve(id: string, actor: string): Promise<AlertRecord> {
    return this.locked(async () => {
      const { a, resolved } = await this.resolveLocked(id, actor, this.o.clock.now());
      if (!a) throw new EarshotError(`no alert "${id}"`, { code: 'not_found' });
      if (!resolved) throw new EarshotError(`alert "${id}" is already resolved`, { code: 'conflict' });
      return a;
    });
  }

  /** Resolves the alert unless it already is (`resolved`: whether this call did it). */
  private async resolveLocked(id: string, actor: string, at: number): Promise<{ a: AlertRecord | null; resolved: boolean }> {
    const was = { resolved: false };
    const a = await this.o.state.updateAlert(id, (x) => {
      was.resolved = x.status === 'resolved';
      if (was.resolved) return false;
      x.status = 'resolved';
      x.resolvedAt = at;
      x.resolvedBy = actor;
      x.updatedAt = at;
    });
    if (!a || was.resolved) return { a, resolved: false };
    if ((await this.o.state.activeId(a.fingerprint)) === a.id) await this.o.state.setActive(a.fingerprint, null);
    await this.o.state.cancel(`esc:${a.id}`);
    await this.o.state.cancel(`resolve:${a.id}`);
    await this.event('resolved', a, at, { actor, ...(actor === 'auto' ? { reason: 'back_within_band' } : {}) });
    // The groups tell their receivers at their next flush (resolved notifications).
    return { a, resolved: true };
  }
}

export function fingerprint(brand: string, kind: string, labels: Readonly<Record<string, string>>): string {
  const l = Object.keys(labels).filter((k) => k !== 'severity').sort().map((k) => `${k}=${labels[k]}`).join(',');
  return createHash('sha1').update(`${brand}|${kind}|${l}`).digest('hex').slice(0, 20);
}
