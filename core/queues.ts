/**
 * BullMQ queue names and job payloads shared by the roles. Mentions move in
 * batches (one job carries up to `pipeline.batchSize` mentions), never one job each.
 */
export const QUEUE = {
  /** One job per scheduled run of a source; jobId `<source>|<tick>` so two schedulers enqueue it once. */
  collect: 'collect',
  /** Batches of raw mentions from collectors, imports and webhooks, for the pipeline workers. */
  mentions: 'mentions',
  /** Items that failed a stage, with their reason; kept for inspection and re-drive. */
  deadLetter: 'dead-letter',
  /** Alert notifications to deliver to receivers (alerting module). */
  notifications: 'notifications',
} as const;

/** A batch of mentions in the interchange shape, as collected. */
export interface MentionBatchJob {
  /** Collector source name (config `sources[].name`), or `import`, `webhook:<name>`, `replay`. */
  source: string;
  /** Interchange objects, validated by the pipeline (a bad one is dead-lettered, the rest go on). */
  items: unknown[];
  /** Items that could not even be parsed (e.g. a JSONL line that is not JSON), dead-lettered as they are. */
  rejects?: Array<{ reason: string; payload: string }>;
  /** When the batch was accepted (ms); `collectedAt` of its mentions. */
  receivedAt: number;
}

export interface CollectJob {
  source: string;
  /** Scheduled time of the run (ms), or the request time for a manual run. */
  scheduledAt: number;
  /** `backfill` re-runs a past window from `since` (ms). */
  mode?: 'scheduled' | 'manual' | 'backfill';
  since?: number;
}

export interface DeadLetterJob {
  stage: string;
  code: string;
  reason: string;
  source: string;
  mentionId: string;
  payload: string;
  at: number;
}

/** Prefix for every BullMQ queue and Redis key earshot owns; replays and tests use their own. */
export const DEFAULT_PREFIX = 'earshot';
