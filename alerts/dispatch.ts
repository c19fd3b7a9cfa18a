import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { AlertsConfig } from './config.ts';
import { activeSilences, muteReason } from './mute.ts';
import { quietHoursEnd } from './quiet-hours.ts';
import { findRoute, type Route } from './route.ts';
import type { AlertState } from './state.ts';
import type { AlertEventName, AlertEventOut, AlertRecord, GroupRecord, Notification, NotifiedAlert } from './types.ts';

export type NotifyFn = (n: Notification) => Promise<void>;

interface DispatcherOptions {
  config: AlertsConfig;
  clock: Clock;
  state: AlertState;
  route: Route;
  notify: NotifyFn;
  links?: (alertId: string, at: number) => { ackUrl?: string; resolveUrl?: string; url?: string };
  logger: Logger;
  event: (name: AlertEventName, a: AlertRecord, at: number, extra?: Partial<AlertEventOut>) => Promise<void>;
}

/**
 * Turns groups and escalation steps into notifications, Alertmanager-style: a
 * group is flushed every `group_interval` and notifies only when something changed
 * (new alert, higher severity, resolved) or `repeat_interval` has passed.
 */
export class Dispatcher {
  constructor(private readonly o: DispatcherOptions) {}

  private async muteContext(at: number) {
    const ids = await this.o.state.activeIds();
    const active = (await Promise.all(ids.map((id) => this.o.state.getAlert(id)))).filter((a): a is AlertRecord => a !== null);
    return { silences: activeSilences(this.o.config, await this.o.state.silences(), at), active, at };
  }

  private snapshot(a: AlertRecord, at: number): NotifiedAlert {
    return {
      id: a.id,
      brand: a.brand,
      kind: a.kind,
      severity: a.severity,
      status: a.status,
      title: a.title,
      labels: a.labels,
      firedAt: new Date(a.firedAt).toISOString(),
      explanation: a.explanation,
      ...(this.o.links?.(a.id, at) ?? {}),
    };
  }

  async flushGroup(key: string, at: number): Promise<void> {
    const g = await this.o.state.getGroup(key);
    if (!g) return;
    const route = findRoute(this.o.route, g.routeId) ?? this.o.route;
    const alerts = (await Promise.all(g.alertIds.map((id) => this.o.state.getAlert(id)))).filter((a): a is AlertRecord => a !== null);
    const ctx = await this.muteContext(at);
    const visible = alerts.filter((a) => a.status === 'firing' && muteReason(this.o.config, a, ctx) === null);
    const resolved = alerts.filter((a) => a.status === 'resolved' && g.notified[a.id] !== undefined);
    const changed =
      visible.some((a) => g.notified[a.id] !== `${a.severity}|firing`) || resolved.length > 0;
    const repeat = visible.length > 0 && g.lastNotifiedAt > 0 && at - g.lastNotifiedAt >= route.repeatInterval;
    if (changed || repeat) {
      const sent = [...visible, ...resolved];
      g.seq += 1;
      g.lastNotifiedAt = at;
      g.notified = {};
      for (const a of visible) g.notified[a.id] = `${a.severity}|firing`;
      await this.send(g, sent, at, { reason: 'group', step: g.seq, key: `${groupHash(`${g.key}|${g.createdAt}`)}:n${g.seq}:${g.receiver}`, receiver: g.receiver, orderKey: g.key });
    }
    // Resolved alerts leave the group; acknowledged ones stay (a severity rise re-opens them).
    g.alertIds = alerts.filter((a) => a.status !== 'resolved').map((a) => a.id);
    if (g.alertIds.length === 0) {
      await this.o.state.deleteGroup(g.key);
      return;
    }
    await this.o.state.putGroup(g);
    await this.o.state.schedule(`flush:${g.key}`, at + route.groupInterval);
  }

  async escalate(alertId: string, at: number): Promise<void> {
    const a = await this.o.state.getAlert(alertId);
    // The whole point: a step runs only while nobody has taken the alert.
    if (!a || a.status !== 'firing' || !a.escalation) return;
    const policy = this.o.config.escalation_policies[a.escalation.policy];
    const step = policy?.steps[a.escalation.nextStep];
    if (!policy || !step) return;
    const reason = muteReason(this.o.config, a, await this.muteContext(at));
    if (reason === 'quiet_hours') {
      await this.o.state.schedule(`esc:${a.id}`, quietHoursEnd(this.o.config.quiet_hours, at));
      return;
    }
    const n = a.escalation.nextStep + 1;
    const taken = { ok: false };
    const stored = await this.o.state.updateAlert(a.id, (x) => {
      // An ack (the API, another process) that landed since the read: the step does not run.
      taken.ok = x.status === 'firing' && x.escalation?.policy === a.escalation?.policy && x.escalation?.nextStep === n - 1;
      if (!taken.ok || !x.escalation) return false;
      x.escalation.nextStep = n;
    });
    if (!stored?.escalation || !taken.ok) return;
    if (reason === null) {
      await this.o.event('escalated', stored, at, { step: n, reason: 'unacknowledged', receiver: step.receivers.join(',') });
      for (const receiver of step.receivers) {
        await this.send(null, [stored], at, { reason: 'escalation', step: n, key: `${a.id}:esc${n}:${receiver}`, receiver, orderKey: stored.groups[0] ?? a.id });
      }
    }
    const next = policy.steps[n];
    if (next) await this.o.state.schedule(`esc:${a.id}`, Math.max(at, stored.escalation.startedAt + next.after));
  }

  private async send(
    g: GroupRecord | null,
    alerts: AlertRecord[],
    at: number,
    n: Pick<Notification, 'reason' | 'step' | 'key' | 'receiver' | 'orderKey'>,
  ): Promise<void> {
    const notification: Notification = {
      ...n,
      seq: 0,
      at,
      groupLabels: g?.labels ?? { brand: alerts[0]?.brand ?? '' },
      alerts: alerts.map((a) => this.snapshot(a, at)),
    };
    await this.o.notify(notification);
    for (const a of alerts) await this.o.event('notified', a, at, { receiver: n.receiver, step: n.step, reason: a.status === 'resolved' ? 'resolved' : n.reason });
  }
}

function groupHash(key: string): string {
  // Group keys carry label values (brand names): keep job ids short and plain.
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return `g${(h >>> 0).toString(36)}`;
}
