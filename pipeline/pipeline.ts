import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { Mention } from '../core/mention.ts';
import type { MentionBatchJob } from '../core/queues.ts';
import { chTime, type Store } from '../core/store/clickhouse.ts';
import { errorCode, errorMessage } from '../core/errors.ts';
import type { Config } from '../config/load.ts';
import type { DeadLetter, Stage, StageContext } from './stage.ts';
import { normalize } from './stages/normalize/index.ts';
import { createDedupeStage } from './stages/dedupe/index.ts';
import { createDetectLanguageStage } from './stages/detect-language/index.ts';
import { createMatchBrandsStage } from './stages/match-brands/index.ts';
import { createScoreSentimentStage } from './stages/score-sentiment/index.ts';
import { createClassifyIntentStage } from './stages/classify-intent/index.ts';
import { createReachStage } from './stages/reach/index.ts';
import { createUnderstander } from './understand/index.ts';
import { deadLetterRow, mentionRow } from './stages/write-clickhouse/rows.ts';

/**
 * The stages that read a mention, shared by the pipeline and `earshot classify`
 * so both always agree: language first (brands may be limited to languages),
 * then, once brands are known (per-brand lexicons), sentiment, intents, reach.
 */
export function readingStages(config: Pick<Config, 'brands' | 'understanding'>): { language: Stage; afterBrands: Stage[] } {
  const understander = createUnderstander({ ...config.understanding, brands: config.brands });
  return {
    language: createDetectLanguageStage(understander),
    afterBrands: [createScoreSentimentStage(understander), createClassifyIntentStage(understander), createReachStage(understander)],
  };
}

export interface BatchResult {
  received: number;
  stored: number;
  duplicates: number;
  unmatched: number;
  deadLettered: number;
  /** The stored mentions, enriched, for the after-store hooks (alerts, care queue). */
  mentions: Mention[];
  deadLetters: DeadLetter[];
}

/** Runs after a batch is safely stored; must tolerate seeing a batch twice (at-least-once). */
export type AfterStore = (mentions: Mention[], result: BatchResult) => Promise<void> | void;

export interface PipelineDeps {
  config: Pick<Config, 'brands' | 'pipeline' | 'understanding'>;
  store: Store;
  redis: Redis;
  /** Key prefix for dedupe state. */
  prefix: string;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  afterStore?: AfterStore[];
}

/**
 * The pipeline: normalize → dedupe → detect-language → match-brands →
 * score-sentiment → classify-intent → reach → write. One batch in, one insert of mentions out; bad
 * items are dead-lettered with their reason and never block the batch.
 */
export class Pipeline {
  private readonly stages: Stage[];
  private readonly deps: PipelineDeps;

  constructor(deps: PipelineDeps) {
    this.deps = deps;
    const { config } = deps;
    const reading = readingStages(config);
    this.stages = [
      createDedupeStage({ redis: deps.redis, prefix: deps.prefix, idWindow: config.pipeline.dedupe.idWindow, textWindow: config.pipeline.dedupe.textWindow }),
      reading.language,
      createMatchBrandsStage(config.brands),
      ...reading.afterBrands,
    ];
  }

  async process(job: MentionBatchJob, batchId: string): Promise<BatchResult> {
    const { clock, metrics, logger, store } = this.deps;
    const started = clock.now();
    const deadLetters: DeadLetter[] = [];
    const dropped = new Map<string, number>();
    const processed = metrics.counter('earshot_stage_processed_total', 'Items that left a stage', ['stage']);
    const droppedCounter = metrics.counter('earshot_stage_dropped_total', 'Items dropped on purpose', ['stage', 'reason']);
    const dlCounter = metrics.counter('earshot_dead_letters_total', 'Items dead-lettered', ['stage', 'code']);
    const seconds = metrics.counter('earshot_stage_seconds_total', 'Time spent in each stage (where the time goes)', ['stage']);
    let mark = performance.now();
    const lap = (stage: string) => {
      const t = performance.now();
      seconds.inc({ stage }, (t - mark) / 1000);
      mark = t;
    };

    const ctx: StageContext = {
      clock,
      logger,
      metrics,
      batchId,
      deadLetter(item, stage, err) {
        const code = errorCode(err);
        deadLetters.push({
          stage,
          code,
          reason: errorMessage(err),
          source: item.source,
          mentionId: item.id,
          payload: JSON.stringify('payload' in item.raw ? item.raw.payload : { id: item.nativeId, source: item.source, text: item.text }),
        });
        dlCounter.inc({ stage, code });
      },
      drop(stage, reason, n = 1) {
        dropped.set(reason, (dropped.get(reason) ?? 0) + n);
        droppedCounter.inc({ stage, reason }, n);
      },
    };

    for (const r of job.rejects ?? []) {
      deadLetters.push({ stage: 'parse', code: 'invalid_json', reason: r.reason, source: job.source, mentionId: '', payload: r.payload });
      dlCounter.inc({ stage: 'parse', code: 'invalid_json' });
    }

    let batch = normalize(job.items, ctx, job.source, { maxTextLength: this.deps.config.pipeline.maxTextLength });
    processed.inc({ stage: 'normalize' }, batch.length);
    lap('normalize');
    for (const stage of this.stages) {
      batch = await stage.run(batch, ctx);
      processed.inc({ stage: stage.name }, batch.length);
      lap(stage.name);
    }

    const now = clock.now();
    await store.insert('mentions', batch.map((m) => mentionRow(m, now)), `m:${batchId}`);
    await store.insert('dead_letters', deadLetters.map((d) => deadLetterRow(d, now)), `d:${batchId}`);
    const result: BatchResult = {
      received: job.items.length + (job.rejects?.length ?? 0),
      stored: batch.length,
      duplicates: dropped.get('duplicate') ?? 0,
      unmatched: dropped.get('no_brand') ?? 0,
      deadLettered: deadLetters.length,
      mentions: batch,
      deadLetters,
    };
    await store.insert(
      'pipeline_batches',
      [{
        at: chTime(now), batch_id: batchId, source: job.source, received: result.received, stored: result.stored,
        duplicates: result.duplicates, unmatched: result.unmatched, dead_lettered: result.deadLettered,
        duration_ms: Math.max(0, now - started),
      }],
      `b:${batchId}`,
    );
    lap('write-clickhouse');
    metrics.counter('earshot_mentions_stored_total', 'Mentions written to ClickHouse', ['source']).inc({ source: job.source }, batch.length);
    for (const hook of this.deps.afterStore ?? []) await hook(batch, result);
    lap('after-store');
    return result;
  }
}
