import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionsQueue } from '../../pipeline/queue.ts';
import { CursorStore } from '../../collectors/cursor-store.ts';
import { startTestRedis, type TestRedis } from '../../test/helpers/redis.ts';
import backfill, { parseSince } from './backfill.ts';

/** Runs the command in this process (a child process would pay tsx + engine start-up again), capturing stderr. */
async function run(args: Record<string, string>, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const keys = [...Object.keys(env), 'CLICKHOUSE_URL'];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  delete process.env.CLICKHOUSE_URL;
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await backfill.run({ values: args, positionals: [] });
    return { code, stderr };
  } finally {
    process.stderr.write = write;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
let redis: TestRedis;
let dir: string;
beforeAll(async () => {
  redis = await startTestRedis();
  dir = mkdtempSync(join(tmpdir(), 'earshot-backfill-'));
});
afterAll(async () => {
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('earshot backfill', () => {
  it('parses --since as a date or a duration back from now', () => {
    const now = Date.parse('2026-03-10T00:00:00Z');
    expect(parseSince('2026-03-01', now)).toBe(Date.parse('2026-03-01'));
    expect(parseSince('2026-03-01T12:00:00Z', now)).toBe(Date.parse('2026-03-01T12:00:00Z'));
    expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000);
    expect(() => parseSince('yesterday', now)).toThrow(/neither a date .* nor a duration/);
  });

  it('re-runs a source from --since into the mentions queue, with progress on stderr, leaving the cursor alone', async () => {
    const prefix = redis.prefix();
    const data = join(dir, 'in.jsonl');
    writeFileSync(data, [
      '{"source":"crm","id":"1","text":"old","publishedAt":"2026-02-01T00:00:00Z"}',
      '{"source":"crm","id":"2","text":"new","publishedAt":"2026-03-05T00:00:00Z"}',
      'not json',
    ].join('\n') + '\n');
    const config = join(dir, 'c.yaml');
    writeFileSync(config, [
      'sources:',
      '  - name: crm-export',
      '    type: jsonl-import',
      `    options: { path: ${JSON.stringify(data)} }`,
      `store: { path: ${JSON.stringify(join(dir, 'ch'))} }`,
      `redis: { prefix: ${prefix} }`,
    ].join('\n'));
    const cursors = new CursorStore(redis.connect(), prefix);
    await cursors.save('crm-export', { cursor: null, savedAt: 42 });
    const env = { REDIS_URL: redis.url };
    const { code, stderr } = await run({ source: 'crm-export', since: '2026-03-01', config }, env);
    expect(code).toBe(0);
    expect(stderr).toMatch(/backfilling crm-export \(jsonl-import\) since 2026-03-01T00:00:00.000Z/);
    expect(stderr).toMatch(/ok: fetched 3, queued 1 mentions, 1 rejects/);
    const queue = mentionsQueue(redis.connect(), prefix);
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.flatMap((j) => j.data.items)).toEqual([expect.objectContaining({ id: '2' })]);
    expect(jobs.flatMap((j) => j.data.rejects ?? []).map((r) => r.reason)).toEqual([expect.stringMatching(/^line 3: invalid JSON/)]);
    expect((await cursors.load('crm-export'))?.savedAt).toBe(42);
    await queue.close();

    const bad = await run({ source: 'nope', since: '7d', config }, env);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('no source "nope"') });
  });
});
