import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import type { AlertsConfigInput } from './config.ts';
import { candidate, engineHarness } from './testing/harness.ts';

let r: TestRedis;
let redis: Redis;
beforeAll(async () => {
  r = await startTestRedis();
  redis = r.connect();
});
afterAll(async () => {
  await r.stop();
});

const MIN = 60_000;
const receivers = [
  { name: 'agents', type: 'log' },
  { name: 'supervisor', type: 'log' },
  { name: 'comms', type: 'log' },
  { name: 'exec', type: 'log' },
] as const;

const playbook = (extra: Partial<AlertsConfigInput> = {}): AlertsConfigInput => ({
  receivers: [...receivers],
  monitor: { resolve_after: '6h' },
  route: {
    receiver: 'agents',
    group_by: ['brand'],
    group_wait: '30s',
    group_interval: '5m',
    repeat_interval: '1h',
    routes: [{ matchers: ['severity=~"critical|crisis"'], escalation: 'standard' }],
  },
  escalation_policies: {
    standard: {
      steps: [
        { after: '15m', receivers: ['supervisor'] },
        { after: '30m', receivers: ['comms'] },
        { after: '1h', receivers: ['exec'] },
      ],
    },
  },
  ...extra,
});

const h = (extra: Partial<AlertsConfigInput> = {}, start?: string) =>
  engineHarness(playbook(extra), { redis, prefix: r.prefix(), ...(start ? { start } : {}) });

describe('grouping', () => {
  it('waits group_wait, then sends one notification for alerts of the same brand', async () => {
    const t = h();
    await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
    await t.advance(10_000);
    await t.engine.submit(candidate('Acme', 'negative_share', 'warning'));
    await t.engine.submit(candidate('Other', 'volume_spike', 'warning'));
    expect(t.sent).toHaveLength(0);
    await t.advance(20_000);
    const acme = t.sent.filter((n) => n.groupLabels.brand === 'Acme');
    expect(acme).toHaveLength(1);
    expect(acme[0]?.alerts.map((a) => a.kind).sort()).toEqual(['negative_share', 'volume_spike']);
    await t.advance(10_000);
    expect(t.sent.filter((n) => n.groupLabels.brand === 'Other')).toHaveLength(1);
  });

  it('notifies a new alert in a known group at group_interval, not before', async () => {
    const t = h();
    await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
    await t.advance(30_000);
    expect(t.sent).toHaveLength(1);
    await t.advance(MIN);
    await t.engine.submit(candidate('Acme', 'negative_share', 'warning'));
    await t.advance(3 * MIN);
    expect(t.sent).toHaveLength(1);
    await t.advance(MIN);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]?.alerts).toHaveLength(2);
  });

  it('repeats an unchanged firing group after repeat_interval only', async () => {
    const t = h();
    await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
    await t.advance(30_000);
    await t.advance(59 * MIN);
    expect(t.sent).toHaveLength(1);
    await t.advance(5 * MIN);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]?.alerts[0]?.kind).toBe('volume_spike');
  });

  it('a rising severity re-notifies and re-routes to the escalating route', async () => {
    const t = h();
    await t.engine.submit(candidate('Acme', 'negative_share', 'warning'));
    await t.advance(30_000);
    await t.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    expect(t.events.map((e) => e.event)).toEqual(['fired', 'notified', 'escalated']);
    expect(t.events[2]?.reason).toBe('severity_rise');
    await t.advance(30_000);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]?.alerts[0]?.severity).toBe('critical');
    // The same severity again is no news.
    await t.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    await t.advance(10 * MIN);
    expect(t.sent.filter((n) => n.reason === 'group')).toHaveLength(2);
  });
});

describe('escalation', () => {
  it('runs every step while nobody acknowledges', async () => {
    const t = h();
    await t.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    await t.advance(14 * MIN);
    expect(t.receivers()).toEqual(['agents']);
    await t.advance(MIN);
    expect(t.receivers()).toEqual(['agents', 'supervisor']);
    await t.advance(15 * MIN);
    expect(t.receivers()).toEqual(['agents', 'supervisor', 'comms']);
    await t.advance(30 * MIN);
    expect(t.receivers().filter((x) => x !== 'agents')).toEqual(['supervisor', 'comms', 'exec']);
    expect(t.events.filter((e) => e.event === 'escalated').map((e) => e.step)).toEqual([1, 2, 3]);
  });

  for (const [ackAfter, expected] of [
    [5, []],
    [20, ['supervisor']],
    [45, ['supervisor', 'comms']],
  ] as const) {
    it(`acknowledged after ${ackAfter} min: steps ${JSON.stringify(expected)} only`, async () => {
      const t = h();
      const a = await t.engine.submit(candidate('Acme', 'negative_share', 'critical'));
      await t.advance(ackAfter * MIN);
      await t.engine.acknowledge(a.id, 'alice');
      await t.advance(3 * 60 * MIN);
      expect(t.receivers().filter((x) => x !== 'agents')).toEqual(expected);
      expect(t.events.find((e) => e.event === 'acknowledged')?.actor).toBe('alice');
    });
  }

  it('a resolved alert stops escalating, and acknowledging it is a conflict', async () => {
    const t = h();
    const a = await t.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    await t.engine.resolve(a.id, 'bob');
    await t.advance(2 * 60 * MIN);
    expect(t.receivers().filter((x) => x !== 'agents')).toEqual([]);
    await expect(t.engine.acknowledge(a.id, 'x')).rejects.toMatchObject({ code: 'conflict' });
    await expect(t.engine.acknowledge('nope', 'x')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('resumes from the timers in Redis after a restart', async () => {
    const prefix = r.prefix();
    const t1 = engineHarness(playbook(), { redis, prefix });
    await t1.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    await t1.advance(MIN);
    const t2 = engineHarness(playbook(), { redis, prefix });
    await t2.clock.set(t1.clock.now());
    await t2.advance(15 * MIN);
    expect(t2.receivers()).toEqual(['supervisor']);
  });
});

describe('muting', () => {
  it('a crisis inhibits the same brand\'s warnings, not another brand\'s', async () => {
    const t = h({ route: { receiver: 'agents', group_by: ['brand', 'kind'], group_wait: '30s' } });
    await t.engine.submit(candidate('Acme', 'negative_share', 'crisis'));
    await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
    await t.engine.submit(candidate('Other', 'volume_spike', 'warning'));
    await t.advance(MIN);
    const kinds = t.sent.flatMap((n) => n.alerts.map((a) => `${a.brand}/${a.kind}`)).sort();
    expect(kinds).toEqual(['Acme/negative_share', 'Other/volume_spike']);
  });

  it('a silence mutes matching alerts until it expires', async () => {
    const t = h({
      silences: [{ matchers: ['brand="Acme"', 'kind="volume_spike"'], endsAt: '2026-03-02T11:00:00Z', createdBy: 'carol' }],
    });
    await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
    await t.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    await t.advance(MIN);
    expect(t.sent.flatMap((n) => n.alerts.map((a) => a.kind))).toEqual(['negative_share']);
    // Keep the silenced one alive; after 11:00 it is notified.
    for (let i = 0; i < 13; i++) {
      await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
      await t.advance(5 * MIN);
    }
    expect(t.sent.flatMap((n) => n.alerts.map((a) => a.kind))).toContain('volume_spike');
  });

  it('quiet hours hold warnings until morning, let critical through', async () => {
    const t = h(
      { quiet_hours: { enabled: true, time_zone: 'Europe/Berlin', start: '22:00', end: '07:00', min_severity: 'critical' } },
      '2026-03-02T01:00:00Z', // 02:00 in Berlin
    );
    await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
    await t.engine.submit(candidate('Beta', 'negative_share', 'critical'));
    await t.advance(MIN);
    expect(t.sent.map((n) => n.groupLabels.brand)).toEqual(['Beta']);
    // Keep the warning alive through the night (resolve_after is 30m).
    for (let i = 0; i < 5 * 12 + 2; i++) {
      await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
      await t.advance(5 * MIN);
    }
    const acme = t.events.find((e) => e.event === 'notified' && e.brand === 'Acme');
    expect(acme?.at).toBe('2026-03-02T06:00:30.000Z'); // 07:00 Berlin: the first flush after quiet hours
  });
});

describe('auto-resolve', () => {
  it('resolves after resolve_after without new evidence, and tells the group', async () => {
    const t = h({ monitor: { resolve_after: '30m' } });
    await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
    await t.advance(29 * MIN);
    expect(t.events.some((e) => e.event === 'resolved')).toBe(false);
    await t.advance(MIN);
    const resolved = t.events.find((e) => e.event === 'resolved');
    expect(resolved?.actor).toBe('auto');
    await t.advance(5 * MIN);
    expect(t.sent.at(-1)?.alerts[0]?.status).toBe('resolved');
    // The next occurrence is a new alert.
    const again = await t.engine.submit(candidate('Acme', 'volume_spike', 'warning'));
    expect(again.id).not.toBe(resolved?.alertId);
  });
});
