import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../core/store/clickhouse.ts';
import { mentionsQueue, enqueueMentions } from '../../pipeline/queue.ts';
import { startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { waitFor } from '../helpers/wait.ts';
import { generateStream } from '../generators/mentions.ts';

let redis: TestRedis;
const dir = mkdtempSync(join(tmpdir(), 'earshot-kill-'));
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

const logs: string[] = [];
function startWorker(configFile: string): ChildProcess {
  const child = spawn('node', ['bin/earshot.js', 'worker', '--config', configFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn' },
  });
  child.stderr?.on('data', (b: Buffer) => logs.push(b.toString()));
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode ? r(child.exitCode) : child.once('exit', (c) => r(c))));
}

describe('pipeline worker killed with SIGKILL mid-stream', () => {
  it('still stores every accepted mention exactly once after a restart', { timeout: 300_000 }, async () => {
    const withLogs = (err: unknown) => {
      throw new Error(`${(err as Error).message}\nworker stderr:\n${logs.join('').slice(-4000)}`);
    };
    const prefix = redis.prefix();
    const configFile = join(dir, 'earshot.yaml');
    writeFileSync(
      configFile,
      [
        'sources: []',
        `store: { path: ${JSON.stringify(join(dir, 'ch'))} }`,
        `redis: { url: ${JSON.stringify(redis.url)}, prefix: ${prefix} }`,
        'pipeline: { batchSize: 250, concurrency: 2, stallTimeout: 2s }',
        'api: { port: 0 }',
      ].join('\n'),
    );
    const stream = generateStream({ count: 10_000, brands: ['Acme'], duplicateShare: 0.05, malformedShare: 0.01, seed: 7 });
    const queue = mentionsQueue(redis.connect(), prefix);
    const items: unknown[] = [];
    const rejects: Array<{ reason: string; payload: string }> = [];
    stream.lines.forEach((line, i) => {
      try {
        items.push(JSON.parse(line));
      } catch (err) {
        rejects.push({ reason: `line ${i + 1}: invalid JSON: ${(err as Error).message}`, payload: line });
      }
    });
    const jobs = await enqueueMentions(queue, { source: 'import', items, rejects, receivedAt: Date.now() }, { batchSize: 250, attempts: 20, idBase: 'kill-test' });

    const first = startWorker(configFile);
    await waitFor(async () => ((await queue.getJobCounts('completed')).completed ?? 0) >= 8, 120_000).catch(withLogs);
    first.kill('SIGKILL');
    await exited(first);
    const afterKill = await queue.getJobCounts('completed', 'active');
    expect(afterKill.completed ?? 0).toBeLessThan(jobs);

    const second = startWorker(configFile);
    await waitFor(async () => (await queue.getJobCounts('completed')).completed === jobs, 180_000, 200).catch(withLogs);
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    await queue.close();

    const store = await Store.open({ path: join(dir, 'ch') });
    try {
      const [row] = await store.query<{ n: string; ids: string }>('SELECT count() AS n, uniqExact(id) AS ids FROM mentions');
      expect(Number(row?.ids)).toBe(stream.distinct);
      expect(Number(row?.n)).toBe(stream.distinct);
      const [dl] = await store.query<{ n: string }>("SELECT count() AS n FROM dead_letters WHERE stage != 'batch'");
      expect(Number(dl?.n)).toBe(stream.malformed);
    } finally {
      await store.close();
    }
  });
});
