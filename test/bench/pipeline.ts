import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig } from '../../config/load.ts';
import { SystemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { Metrics } from '../../core/metrics.ts';
import { createRedis } from '../../core/redis/connection.ts';
import { startLocalRedis } from '../../core/redis/local-server.ts';
import { Store } from '../../core/store/clickhouse.ts';
import { migrate } from '../../core/store/migrate.ts';
import { migrations } from '../../core/store/migrations/index.ts';
import { readJsonl } from '../../collectors/jsonl-import/read.ts';
import { Pipeline } from '../../pipeline/pipeline.ts';
import { enqueueMentions, mentionsQueue } from '../../pipeline/queue.ts';
import { startPipelineWorker } from '../../pipeline/worker.ts';
import { generateStream } from '../generators/mentions.ts';

export interface PipelineBench {
  mentions: number;
  seconds: number;
  mentionsPerSecond: number;
  peakRssMb: number;
  /** Share of pipeline time per stage, from earshot_stage_seconds_total. */
  stageSeconds: Record<string, number>;
  enqueueSeconds: number;
}

/**
 * All-in-one embedded mode, as `earshot start` runs it: a JSONL file read and
 * enqueued in batches on a local redis-server, the pipeline worker in the same
 * process, rows in the embedded ClickHouse. Measures file → rows throughput and
 * peak resident memory.
 */
export async function benchPipeline(count = 100_000): Promise<PipelineBench> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  const file = join(dir, 'stream.jsonl');
  const stream = generateStream({ count, brands: ['Nordwind Mobile', 'Kestrel Telecom'], seed: 1 });
  writeFileSync(file, stream.lines.join('\n') + '\n');
  const config = buildConfig(
    { brands: [{ name: 'Nordwind Mobile', query: '"nordwind mobile"' }, { name: 'Kestrel Telecom', query: '"kestrel telecom"' }], sources: [] },
    'bench',
  );
  const redisServer = await startLocalRedis(join(dir, 'redis'));
  const store = await Store.open({ path: join(dir, 'ch') });
  await migrate(store, migrations);
  const metrics = new Metrics();
  const clock = new SystemClock();
  const prefix = 'bench';
  const conns = [createRedis(redisServer.url), createRedis(redisServer.url), createRedis(redisServer.url)];
  const [qConn, wConn, dConn] = conns as [ReturnType<typeof createRedis>, ReturnType<typeof createRedis>, ReturnType<typeof createRedis>];
  const queue = mentionsQueue(qConn, prefix);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const pipeline = new Pipeline({ config, store, redis: dConn, prefix, clock, logger: silentLogger, metrics });
  const worker = startPipelineWorker({ pipeline, store, connection: wConn, prefix, concurrency: config.pipeline.concurrency, logger: silentLogger, metrics });

  let items: unknown[] = [];
  let chunk = 0;
  for await (const entry of readJsonl(file)) {
    if ('value' in entry) items.push(entry.value);
    if (items.length >= config.pipeline.batchSize) {
      await enqueueMentions(queue, { source: 'import', items, receivedAt: clock.now() }, { batchSize: config.pipeline.batchSize, attempts: 5, idBase: `bench|${chunk++}` });
      items = [];
    }
  }
  if (items.length) await enqueueMentions(queue, { source: 'import', items, receivedAt: clock.now() }, { batchSize: config.pipeline.batchSize, attempts: 5, idBase: `bench|${chunk++}` });
  const enqueueSeconds = (performance.now() - started) / 1000;

  for (;;) {
    const c = await queue.getJobCounts('completed', 'failed');
    if ((c.completed ?? 0) + (c.failed ?? 0) >= chunk) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const [row] = await store.query<{ n: string }>('SELECT count() AS n FROM mentions');
  const stageSeconds: Record<string, number> = {};
  const json = await metrics.registry.getSingleMetric('earshot_stage_seconds_total')?.get();
  for (const v of json?.values ?? []) stageSeconds[String(v.labels.stage)] = Number(v.value.toFixed(2));

  await worker.stop();
  await queue.close();
  for (const c of conns) await c.quit();
  await store.close();
  await redisServer.stop();
  rmSync(dir, { recursive: true, force: true });
  const stored = Number(row?.n ?? 0);
  if (stored !== count) throw new Error(`bench stored ${stored} of ${count} mentions`);
  return { mentions: count, seconds, mentionsPerSecond: Math.round(count / seconds), peakRssMb: Math.round(peak / 1048576), stageSeconds, enqueueSeconds };
}
