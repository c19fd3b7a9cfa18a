import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../core/store/clickhouse.ts';
import { generateStream } from '../generators/mentions.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'earshot-replay-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('earshot replay', () => {
  it('stores exactly the distinct valid mentions of 10,000 lines and dead-letters the malformed ones with reasons', async () => {
    const stream = generateStream({ count: 10_000, brands: ['Nordwind Mobile', 'Kestrel Telecom'], duplicateShare: 0.05, malformedShare: 0.01 });
    const file = join(dir, 'stream.jsonl.gz');
    writeFileSync(file, gzipSync(stream.lines.join('\n') + '\n'));
    const storeDir = join(dir, 'store');

    const { stdout } = await run('node', ['bin/earshot.js', 'replay', file, '--json', '--keep-store', storeDir], { maxBuffer: 1 << 24 });
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    expect(summary.read).toBe(stream.lines.length);
    expect(summary.stored).toBe(stream.distinct);
    expect(summary.duplicates).toBe(stream.duplicates);
    expect(summary.deadLettered).toBe(stream.malformed);
    expect(summary.brands).toBeTypeOf('object');

    const store = await Store.open({ path: storeDir });
    try {
      // Without FINAL: not merely collapsed at read time, never inserted twice.
      const [rows] = await store.query<{ n: string; ids: string }>('SELECT count() AS n, uniqExact(id) AS ids FROM mentions');
      expect(Number(rows?.n)).toBe(stream.distinct);
      expect(Number(rows?.ids)).toBe(stream.distinct);
      const reasons = await store.query<{ stage: string; reason: string }>('SELECT stage, reason FROM dead_letters');
      expect(reasons).toHaveLength(stream.malformed);
      const text = reasons.map((r) => r.reason).join('\n');
      expect(text).toMatch(/line \d+: /);
      expect(text).toMatch(/text: is required/);
      expect(text).toMatch(/publishedAt: "yesterday-ish" is not a date/);
      expect(text).toMatch(/source: is required/);
      const [kept] = await store.query<{ raw: string }>("SELECT raw FROM mentions WHERE id = 'reddit:g0' OR raw != '' LIMIT 1");
      expect(kept?.raw).toContain('extraField');
      const [agg] = await store.query<{ n: string }>('SELECT sum(mentions) AS n FROM mentions_1m');
      // The per-minute aggregates count each mention once too (no brands configured: one row each).
      expect(Number(agg?.n)).toBe(stream.distinct);
    } finally {
      await store.close();
    }
  });

  it('rejects a bad flag with usage and a non-zero exit', async () => {
    await expect(run('node', ['bin/earshot.js', 'replay', 'x.jsonl', '--sped', '3'])).rejects.toMatchObject({ code: 2 });
    await expect(run('node', ['bin/earshot.js', 'no-such-command'])).rejects.toMatchObject({ code: 2 });
  });
});
