import type { Redis } from 'ioredis';
import type { ResolvedSource } from '../config/load.ts';
import { errorMessage } from '../core/errors.ts';
import { writeEvents } from '../core/events.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import { chTime, type Store } from '../core/store/clickhouse.ts';
import type { RunSummary } from './run-source.ts';

interface RecordDeps {
  redis: Redis;
  store: Store | null;
  logger: Logger;
  metrics: Metrics;
  prefix: string;
}

/** Option keys that hold credentials: named in messages (never their values) so the user knows what to fix. */
const CREDENTIAL_KEY = /token|secret|password|api_?key|apikey|client_?id|credential|bearer|service_?account/i;

export function credentialHint(source: ResolvedSource): string {
  const opts = source.options && typeof source.options === 'object' ? Object.keys(source.options) : [];
  const keys = opts.filter((k) => CREDENTIAL_KEY.test(k));
  const where = `sources[name=${source.name}].options`;
  return keys.length
    ? `check ${keys.map((k) => `${where}.${k}`).join(', ')} (and the environment variables they come from)`
    : `check the credentials configured for ${where}`;
}

/** The operator-facing sentence for a failed run. */
export function failureMessage(source: ResolvedSource, summary: RunSummary): string {
  const head = `source "${source.name}" (${source.type}) failed: ${summary.errorMessage || summary.errorCode}`;
  if (summary.errorCode === 'auth_failed') return `${head}. The credentials were rejected: ${credentialHint(source)}.`;
  if (summary.errorCode === 'rate_limited') return `${head}. The source keeps rate-limiting; lower requestsPerMinute or run it less often.`;
  return `${head}. Other sources go on; this one is retried on its next scheduled run.`;
}

/**
 * Everything a run leaves behind: metrics, one `source_runs` row, and a
 * `source_unhealthy` / `source_recovered` ops event on each health change
 * (decided in Redis, so two workers do not both report it).
 */
export async function recordRun(deps: RecordDeps, source: ResolvedSource, s: RunSummary, err: unknown): Promise<void> {
  const { metrics, logger } = deps;
  const labels = { source: s.source };
  metrics.counter('earshot_source_runs_total', 'Collector runs by outcome', ['source', 'status']).inc({ ...labels, status: s.status });
  metrics.counter('earshot_source_fetched_total', 'Items read from the source', ['source']).inc(labels, s.fetched);
  metrics.counter('earshot_source_new_total', 'Mentions queued for the pipeline', ['source']).inc(labels, s.new);
  metrics.counter('earshot_source_duplicates_total', 'Items skipped as already collected', ['source']).inc(labels, s.duplicates);
  metrics.counter('earshot_source_rejects_total', 'Items the collector could not map (dead-lettered)', ['source']).inc(labels, s.rejects);
  if (s.status === 'failed') {
    // Partial failures were counted per feed/page by the collector itself.
    metrics.counter('earshot_source_errors_total', 'Collector errors by code', ['source', 'code']).inc({ ...labels, code: s.errorCode || 'unknown' });
  }
  if (s.lagSeconds !== null) metrics.gauge('earshot_source_lag_seconds', 'Now minus the newest publishedAt collected', ['source']).set(labels, s.lagSeconds);
  metrics.histogram('earshot_source_run_seconds', 'Duration of collector runs', ['source'], [0.1, 0.5, 1, 5, 15, 60, 300]).observe(labels, (s.finishedAt - s.startedAt) / 1000);

  if (s.status === 'skipped' || s.status === 'aborted') {
    await insertRun(deps, source, s);
    return;
  }
  const healthy = s.status !== 'failed';
  metrics.gauge('earshot_source_healthy', '1 when the last run of the source succeeded', ['source']).set(labels, healthy ? 1 : 0);
  const message = healthy ? `source "${source.name}" (${source.type}) is collecting again` : failureMessage(source, s);
  // Quiet runs (nothing new) at debug: a source polled every few seconds must not flood the log.
  if (healthy) (s.new > 0 || s.errors > 0 ? logger.info : logger.debug)('source run', { ...runFields(s) });
  else logger.error(message, { ...runFields(s), error: err ? errorMessage(err) : s.errorMessage });

  let previous: string | null = null;
  try {
    previous = await deps.redis.getset(`${deps.prefix}:health:source:${source.name}`, healthy ? 'healthy' : 'unhealthy');
  } catch (e) {
    logger.warn('could not record source health', { source: source.name, error: errorMessage(e) });
  }
  const changed = healthy ? previous === 'unhealthy' : previous !== 'unhealthy';
  await insertRun(deps, source, s);
  if (changed && deps.store) {
    await writeEvents(deps.store, [
      {
        at: s.finishedAt,
        kind: 'ops',
        type: healthy ? 'source_recovered' : 'source_unhealthy',
        entityId: source.name,
        severity: healthy ? 'info' : s.errorCode === 'auth_failed' ? 'critical' : 'warning',
        toState: healthy ? 'healthy' : 'unhealthy',
        data: { type: source.type, code: s.errorCode, message, runId: s.runId },
      },
    ]).catch((e: unknown) => logger.warn('could not write source health event', { source: source.name, error: errorMessage(e) }));
  }
}

function runFields(s: RunSummary): Record<string, unknown> {
  return {
    source: s.source, status: s.status, fetched: s.fetched, new: s.new, duplicates: s.duplicates, rejects: s.rejects,
    errors: s.errors, code: s.errorCode || undefined, ms: s.finishedAt - s.startedAt,
  };
}

async function insertRun(deps: RecordDeps, source: ResolvedSource, s: RunSummary): Promise<void> {
  if (!deps.store) return;
  await deps.store
    .insert(
      'source_runs',
      [
        {
          started_at: chTime(s.startedAt),
          finished_at: chTime(s.finishedAt),
          source: s.source,
          type: source.type,
          status: s.status,
          fetched: s.fetched,
          new: s.new,
          duplicates: s.duplicates,
          errors: s.errors,
          error_code: s.errorCode,
          error_message: s.errorMessage,
          lag_seconds: s.lagSeconds ?? 0,
        },
      ],
      `run:${s.source}:${s.runId}:${s.status}`,
    )
    .catch((e: unknown) => deps.logger.warn('could not write source_runs row', { source: s.source, error: errorMessage(e) }));
}
