import type { QuietHours } from './config.ts';
import { severityRank } from './config.ts';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Local {
  day: number;
  minutes: number;
}

function local(at: number, tz: string): Local {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '0';
  return { day: DAY_NAMES.indexOf(get('weekday').toLowerCase().slice(0, 3)), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `at` falls in quiet hours; `days` names the day quiet hours start on. */
export function inQuietHours(q: QuietHours, at: number): boolean {
  if (!q.enabled) return false;
  const { day, minutes } = local(at, q.time_zone);
  const start = toMin(q.start);
  const end = toMin(q.end);
  const dayOk = (d: number) => q.days.includes(DAY_NAMES[(d + 7) % 7] as QuietHours['days'][number]);
  if (start === end) return false;
  if (start < end) return minutes >= start && minutes < end && dayOk(day);
  // Spans midnight: the evening part belongs to today, the morning part to yesterday.
  if (minutes >= start) return dayOk(day);
  if (minutes < end) return dayOk(day - 1);
  return false;
}

/** Whether quiet hours hold back a notification of this severity at `at`. */
export function heldByQuietHours(q: QuietHours, severity: string, at: number): boolean {
  return inQuietHours(q, at) && severityRank(severity) < severityRank(q.min_severity);
}

/** The first minute after `at` outside quiet hours (searched minute by minute for DST safety, max 8 days). */
export function quietHoursEnd(q: QuietHours, at: number): number {
  let t = Math.floor(at / 60_000) * 60_000 + 60_000;
  for (let i = 0; i < 8 * 24 * 60 && inQuietHours(q, t); i++) t += 60_000;
  return t;
}
