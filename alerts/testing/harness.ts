import type { Redis } from 'ioredis';
import { FakeClock } from '../../core/clock.ts';
import { alertsSchema, type AlertsConfigInput } from '../config.ts';
import { AlertEngine } from '../engine.ts';
import type { Severity } from '../service.ts';
import { MemoryState, RedisState, type AlertState } from '../state.ts';
import type { Candidate } from '../triggers.ts';
import type { AlertEventOut, Notification } from '../types.ts';

/**
 * A real engine on a fake clock, with its outputs collected: what tests of the
 * playbook (and the lead's replay tests) assert on.
 */
export interface EngineHarness {
  clock: FakeClock;
  engine: AlertEngine;
  state: AlertState;
  events: AlertEventOut[];
  sent: Notification[];
  /** Moves the clock and runs every timer that fell due. */
  advance(ms: number): Promise<void>;
  /** Receivers notified so far, in order (e.g. ["agents", "supervisor"]). */
  receivers(): string[];
}

export function engineHarness(input: AlertsConfigInput, o: { start?: string; redis?: Redis; prefix?: string } = {}): EngineHarness {
  const clock = new FakeClock(o.start ?? '2026-03-02T10:00:00Z');
  const config = alertsSchema.parse(input);
  const state = o.redis ? new RedisState(o.redis, `${o.prefix ?? 'test'}:alerts`) : new MemoryState();
  const events: AlertEventOut[] = [];
  const sent: Notification[] = [];
  const engine = new AlertEngine({
    config,
    clock,
    state,
    emit: (e) => {
      events.push(e);
    },
    notify: async (n) => {
      sent.push(n);
    },
  });
  return {
    clock,
    engine,
    state,
    events,
    sent,
    async advance(ms) {
      await clock.advance(ms);
      await engine.tick(clock.now());
    },
    receivers: () => sent.map((n) => n.receiver),
  };
}

/** A ready alert condition, e.g. `candidate('Acme', 'negative_share', 'critical')`. */
export function candidate(brand: string, kind: string, severity: Severity, labels: Record<string, string> = {}, at = 0): Candidate {
  return {
    brand,
    kind,
    severity,
    labels,
    title: `${brand}: ${kind}`,
    at,
    explanation: {
      observed: 50, expected: 10, band: [2, 18], score: 0.99,
      windowStart: new Date(at).toISOString(), windowEnd: new Date(at + 300_000).toISOString(),
      topTerms: ['boycott'], sampleMentionIds: ['reddit:1'],
    },
  };
}
