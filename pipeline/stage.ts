import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { Mention } from '../core/mention.ts';

/** Why an item left the pipeline without being stored. */
export interface DeadLetter {
  stage: string;
  code: string;
  reason: string;
  source: string;
  mentionId: string;
  payload: string;
}

export interface StageContext {
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Stable across retries of the same batch (the queue job id); dedupe and inserts key on it. */
  batchId: string;
  /** Takes an item out of the batch with its reason; it is stored in `dead_letters`, the rest go on. */
  deadLetter(item: Mention, stage: string, err: unknown): void;
  /** Counts items dropped on purpose (duplicates, no brand matched) by reason. */
  drop(stage: string, reason: string, n?: number): void;
}

/**
 * A pipeline stage: `run(batch, ctx) → batch`. A bad item is dead-lettered
 * through `ctx.deadLetter` and left out of the result; it never fails the batch.
 * A stage throws only when the whole batch must be retried (e.g. Redis down).
 */
export interface Stage {
  name: string;
  run(batch: Mention[], ctx: StageContext): Promise<Mention[]> | Mention[];
}

/** Runs a per-item function, dead-lettering the items it throws on. */
export function mapItems(stage: string, batch: Mention[], ctx: StageContext, fn: (m: Mention) => Mention | null): Mention[] {
  const out: Mention[] = [];
  for (const m of batch) {
    try {
      const r = fn(m);
      if (r) out.push(r);
    } catch (err) {
      ctx.deadLetter(m, stage, err);
    }
  }
  return out;
}
