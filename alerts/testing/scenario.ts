import { defaultAlertsConfig } from '../config.ts';
import type { AlertEventOut } from '../types.ts';
import { labelled, replayAlerts } from './replay.ts';
import { generateStream, type Episode } from './stream.ts';

/**
 * Shared by the scenario tests: two weeks of generated traffic for one brand,
 * replayed through the default playbook on a simulated clock.
 */
export async function run(brand: string, seed: number, episodes: Episode[], days = 14, peakPerHour?: number): Promise<AlertEventOut[]> {
  // The stream ends six hours after the last episode starts: what follows cannot change the verdict.
  const start = Date.parse('2026-03-02T00:00:00Z');
  const last = Math.max(...episodes.map((e) => (typeof e.at === 'number' ? e.at : Date.parse(e.at))));
  const until = Number.isFinite(last) ? Math.min(days, (last + 6 * 3_600_000 - start) / 86_400_000) : days;
  const stream = generateStream({ brand, seed, days: until, episodes, ...(peakPerHour ? { peakPerHour } : {}) });
  return replayAlerts(stream.map((g) => labelled(g, brand)), defaultAlertsConfig(), { stepMs: 30_000 });
}

/** Alerts raised, and severity rises (what "an alert of severity X" means). */
export const fired = (events: readonly AlertEventOut[]): AlertEventOut[] =>
  events.filter((e) => e.event === 'fired' || (e.event === 'escalated' && e.reason === 'severity_rise'));

export const CRISIS_WORDS = ['boycott', 'recall', 'rückruf', 'boykott', 'breach', 'datenleck', 'scandal', 'skandal', 'fire', 'exploded', 'explodiert', 'gebrannt', 'fraud', 'betrug', 'dangerous', 'gefährlich', 'defect'];
