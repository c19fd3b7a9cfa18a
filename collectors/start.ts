import { Queue } from 'bullmq';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import type { Config } from '../config/load.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import { QUEUE, type CollectJob } from '../core/queues.ts';
import type { RedisHandle } from '../core/runtime.ts';
import type { Store } from '../core/store/clickhouse.ts';
import { mentionsQueue } from '../pipeline/queue.ts';
import { startCollectWorker, within } from './collect-worker.ts';
import { SourceRunner } from './run-source.ts';
import { startScheduler } from './scheduler.ts';

export interface StartCollectorsOptions {
  config: Config;
  redis: Pick<RedisHandle, 'connect'>;
  store: Store | null;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** HTTP for every collector; tests pass a MockAgent. Default: undici's global dispatcher. */
  dispatcher?: Dispatcher;
  prefix: string;
  /** Run the cron scheduler in this process. Default true. */
  schedule?: boolean;
  /** Run the collect worker in this process. Default true. */
  work?: boolean;
  /** How long stopping waits for graceful closes (Redis may be gone already). Default 10 s. */
  closeTimeoutMs?: number;
  /** Collect-worker concurrency (different sources at once). */
  concurrency?: number;
}

export interface RunningCollectors {
  runner: SourceRunner | null;
  collectQueue: Queue<CollectJob>;
  /** Stops ticking, aborts running collects (their cursors stay), closes queues. */
  stop(): Promise<void>;
}

/** The scheduler role's collectors: node-cron ticks → `collect` queue → runs → `mentions` queue. */
export function startCollectors(o: StartCollectorsOptions): RunningCollectors {
  const logger = o.logger.child({ component: 'collectors' });
  const collectQueue = new Queue<CollectJob>(QUEUE.collect, { connection: o.redis.connect(), prefix: o.prefix });
  const mentions = mentionsQueue(o.redis.connect(), o.prefix);
  const stops: Array<() => Promise<void>> = [];
  let runner: SourceRunner | null = null;
  if (o.work ?? true) {
    runner = new SourceRunner({
      redis: o.redis.connect(),
      mentions,
      store: o.store,
      dispatcher: o.dispatcher ?? getGlobalDispatcher(),
      clock: o.clock,
      logger,
      metrics: o.metrics,
      prefix: o.prefix,
      brands: o.config.brands,
      batchSize: o.config.pipeline.batchSize,
      attempts: o.config.pipeline.attempts,
    });
    const w = startCollectWorker({
      runner,
      sources: o.config.sources,
      connection: o.redis.connect(),
      prefix: o.prefix,
      clock: o.clock,
      logger,
      ...(o.concurrency === undefined ? {} : { concurrency: o.concurrency }),
      ...(o.closeTimeoutMs === undefined ? {} : { closeTimeoutMs: o.closeTimeoutMs }),
    });
    stops.push(() => w.stop());
  }
  if (o.schedule ?? true) {
    const s = startScheduler({ sources: o.config.sources, queue: collectQueue, logger, metrics: o.metrics });
    // The scheduler stops first so no new tick arrives while the worker drains.
    stops.unshift(() => s.stop());
  }
  return {
    runner,
    collectQueue,
    async stop() {
      for (const stop of stops) await stop().catch((e: Error) => logger.warn('collectors stop failed', { error: e.message }));
      await within(Promise.all([collectQueue.close(), mentions.close()]), o.closeTimeoutMs ?? 5_000);
    },
  };
}
