import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateStream, toJsonl } from '../../alerts/testing/stream.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'earshot-replay-alerts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('earshot replay --alerts-out', () => {
  it('backtests the default playbook on a recorded stream: a 2 a.m. crisis fires critical or crisis within 10 simulated minutes', { timeout: 300_000 }, async () => {
    // Ten days of history first: the baseline needs it to learn the daily rhythm of quiet nights.
    const onset = '2026-03-11T02:07:00Z';
    const file = join(dir, 'acme.jsonl');
    writeFileSync(file, toJsonl(generateStream({ brand: 'Acme', days: 11, seed: 11, episodes: [{ type: 'crisis', at: onset }] })));
    const config = join(dir, 'acme.yaml');
    writeFileSync(config, 'brands:\n  - name: Acme\n    query: acme\n');
    const out = join(dir, 'alerts.jsonl');
    const { stdout } = await run('node', ['bin/earshot.js', 'replay', file, '--config', config, '--json', '--alerts-out', out], { maxBuffer: 1 << 24 });
    const summary = JSON.parse(stdout) as { stored: number; alerts: Record<string, number> };
    expect(summary.stored).toBeGreaterThan(1000);

    const events = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of events) {
      expect(e).toEqual(expect.objectContaining({ event: expect.any(String), at: expect.any(String), alertId: expect.any(String), brand: 'Acme', severity: expect.any(String), kind: expect.any(String) }));
      expect(['fired', 'notified', 'escalated', 'acknowledged', 'resolved']).toContain(e.event);
      expect(['info', 'warning', 'critical', 'crisis']).toContain(e.severity);
      expect(e.explanation).toEqual(expect.objectContaining({ observed: expect.any(Number), expected: expect.any(Number), band: expect.any(Array), score: expect.any(Number), topTerms: expect.any(Array), sampleMentionIds: expect.any(Array) }));
    }
    const serious = events.filter((e) => e.event === 'fired' && (e.severity === 'critical' || e.severity === 'crisis'));
    expect(serious.length).toBeGreaterThan(0);
    const first = serious[0]!;
    const minutes = (Date.parse(first.at as string) - Date.parse(onset)) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(0);
    expect(minutes).toBeLessThanOrEqual(10);
    const terms = (first.explanation as { topTerms: string[] }).topTerms.join(' ');
    expect(terms).toMatch(/boykott|boycott|datenleck|data breach|rückruf|recall/i);
    // Before the crisis: nothing above info.
    const before = events.filter((e) => e.event === 'fired' && Date.parse(e.at as string) < Date.parse(onset));
    expect(before.filter((e) => e.severity !== 'info')).toEqual([]);
  });
});
