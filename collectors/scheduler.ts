import type { Queue } from 'bullmq';
import cron, { type ScheduledTask } from 'node-cron';
import type { ResolvedSource } from '../config/load.ts';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { CollectJob } from '../core/queues.ts';
import { collectorTypes } from './registry.ts';

/** Finished tick jobs kept for inspection; bounded so Redis does not grow. */
export const COLLECT_JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: { count: 200, age: 86_400 },
  removeOnFail: { count: 200, age: 7 * 86_400 },
} as const;

/** `<source>|<tick ms>`: BullMQ rejects ':' in custom ids, and equal ids from two schedulers collapse into one job. */
export function tickJobId(source: string, tickMs: number): string {
  return `${source}|${tickMs}`;
}

/** Adds the job of one scheduled tick; a second scheduler adding the same tick is a no-op. */
export async function enqueueTick(queue: Queue<CollectJob>, source: string, date: Date): Promise<void> {
  // Whole seconds: two processes see the same cron tick, possibly a few ms apart.
  const tick = Math.floor(date.getTime() / 1000) * 1000;
  await queue.add('collect', { source, scheduledAt: tick, mode: 'scheduled' }, { ...COLLECT_JOB_OPTIONS, jobId: tickJobId(source, tick) });
}

export interface SchedulerOptions {
  sources: readonly ResolvedSource[];
  queue: Queue<CollectJob>;
  logger: Logger;
  metrics: Metrics;
}

/**
 * One node-cron task per enabled source (`sources[].schedule`); each tick
 * becomes a job on the `collect` queue. Any number of schedulers may run:
 * the tick's job id makes it one job, the collect worker's lock one run.
 */
export function startScheduler(o: SchedulerOptions): { stop(): Promise<void> } {
  const ticks = o.metrics.counter('earshot_scheduler_ticks_total', 'Scheduled ticks enqueued', ['source', 'outcome']);
  const tasks: ScheduledTask[] = [];
  for (const source of o.sources) {
    if (!source.enabled || collectorTypes[source.type]?.push) continue;
    const task = cron.schedule(
      source.schedule,
      async (ctx) => {
        try {
          await enqueueTick(o.queue, source.name, ctx.date);
          ticks.inc({ source: source.name, outcome: 'ok' });
        } catch (err) {
          ticks.inc({ source: source.name, outcome: 'error' });
          o.logger.warn('could not enqueue scheduled run', { source: source.name, error: errorMessage(err) });
        }
      },
      { name: `earshot-collect-${source.name}`, suppressMissedWarning: true },
    );
    tasks.push(task);
  }
  o.logger.info('scheduler started', { sources: o.sources.filter((s) => s.enabled && !collectorTypes[s.type]?.push).map((s) => `${s.name} (${s.schedule})`) });
  return {
    async stop() {
      for (const t of tasks) await t.destroy();
    },
  };
}
