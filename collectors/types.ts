import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { MentionInput } from '../core/mention.ts';
import type { BrandConfig } from '../config/schema.ts';

/** A collector's resumable position: since-id, timestamp or page token; JSON-serialisable. */
export type Cursor = Record<string, unknown>;

export interface CollectInput {
  /** Where the last successful run stopped; null on the first run (backfill `backfillWindow`). */
  cursor: Cursor | null;
  /** Aborted on shutdown: stop fetching, return nothing, keep the old cursor. */
  signal: AbortSignal;
  /** For `earshot backfill`: re-read from this time (ms) instead of the cursor. */
  since?: number;
}

export interface CollectResult {
  /** Interchange objects (validated later by the pipeline: a bad one is dead-lettered, not fatal). */
  mentions: MentionInput[];
  /** Saved only after `mentions` are safely queued; a crash before that refetches (at-least-once). */
  cursor: Cursor | null;
  /** Items the collector could not map, with reasons; dead-lettered. */
  rejects?: Array<{ reason: string; payload: string }>;
  /** Partial failures (one feed of several down): recorded on the run, the run still succeeds. */
  errors?: Array<{ code: string; message: string }>;
  /** Items read from the source, and those skipped as already returned (default: mentions + rejects, 0). */
  stats?: { fetched: number; duplicates: number };
}

export interface Collector {
  collect(input: CollectInput): Promise<CollectResult>;
}

/** What a collector gets injected; it never imports a singleton. */
export interface CollectorDeps {
  /** Source name from config (`sources[].name`). */
  name: string;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** The configured brands, for sources that search by query. */
  brands: readonly BrandConfig[];
}

/** One per source type; registered with one line in collectors/registry.ts. */
export interface CollectorDefinition<O = unknown> {
  type: string;
  /** One line for `earshot` help and the README. */
  description: string;
  /** Validates `sources[].options`; errors are reported as `sources[i].options.<path>`. */
  options: z.ZodType<O>;
  /** Push source (data arrives through the API, e.g. the webhook): never scheduled. Default false. */
  push?: boolean;
  create(options: O, deps: CollectorDeps): Collector;
}

export function defineCollector<O>(def: CollectorDefinition<O>): CollectorDefinition<O> {
  return def;
}
