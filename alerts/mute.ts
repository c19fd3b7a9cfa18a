import type { AlertsConfig } from './config.ts';
import { matchAll } from './matchers.ts';
import { heldByQuietHours } from './quiet-hours.ts';
import type { Silence } from './service.ts';
import type { AlertRecord } from './types.ts';

/**
 * Why an alert is not notified right now. Silences and inhibition are
 * Alertmanager's; quiet hours only postpone: the alert is notified when they end.
 */
export type MuteReason = 'silenced' | 'inhibited' | 'quiet_hours';

export function activeSilences(cfg: AlertsConfig, runtime: readonly Silence[], at: number): Silence[] {
  const fromConfig: Silence[] = cfg.silences.map((s, i) => ({ id: `config-${i}`, ...s }));
  return [...fromConfig, ...runtime].filter((s) => Date.parse(s.startsAt) <= at && at < Date.parse(s.endsAt));
}

export function silencedBy(alert: AlertRecord, silences: readonly Silence[]): Silence | undefined {
  return silences.find((s) => matchAll(s.matchers, alert.labels));
}

/** True when a firing alert matching a rule's source matchers mutes this one (equal labels equal). */
export function inhibited(cfg: AlertsConfig, alert: AlertRecord, active: readonly AlertRecord[]): boolean {
  return cfg.inhibit_rules.some(
    (rule) =>
      matchAll(rule.target_matchers, alert.labels) &&
      active.some(
        (src) =>
          src.id !== alert.id &&
          src.status !== 'resolved' &&
          matchAll(rule.source_matchers, src.labels) &&
          // An alert must not inhibit itself through a rule matching both sides.
          !(matchAll(rule.target_matchers, src.labels) && matchAll(rule.source_matchers, alert.labels) && src.firedAt > alert.firedAt) &&
          rule.equal.every((l) => (src.labels[l] ?? '') === (alert.labels[l] ?? '')),
      ),
  );
}

export function muteReason(
  cfg: AlertsConfig,
  alert: AlertRecord,
  ctx: { silences: readonly Silence[]; active: readonly AlertRecord[]; at: number },
): MuteReason | null {
  if (silencedBy(alert, ctx.silences)) return 'silenced';
  if (inhibited(cfg, alert, ctx.active)) return 'inhibited';
  if (heldByQuietHours(cfg.quiet_hours, alert.severity, ctx.at)) return 'quiet_hours';
  return null;
}
