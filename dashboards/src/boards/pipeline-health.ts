import type { BoardSpec } from '../board.ts';
import { sourceIn } from '../filters.ts';
import { VARIABLES } from '../filters.ts';

const runs = `$__timeFilter(started_at) AND ${sourceIn()}`;
const batches = `$__timeFilter(at) AND ${sourceIn()}`;

/** Operators' board: is every source collecting, is every stage keeping up, what was dead-lettered. */
export const pipelineHealth: BoardSpec = {
  uid: 'earshot-pipeline-health',
  title: 'earshot · Pipeline health',
  description: 'Per-source lag and errors (source_runs), stage throughput (pipeline_batches) and dead letters.',
  tags: ['earshot', 'ops'],
  from: 'now-24h',
  refresh: '1m',
  // Only `source` applies here; brand and language stay for links between boards.
  variables: VARIABLES,
  panels: [
    {
      title: 'Stored',
      description: 'Mentions stored by the pipeline in the range.',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `SELECT sum(stored) AS stored FROM pipeline_batches WHERE ${batches}` }],
    },
    {
      title: 'Dead letters',
      description: 'Items dead-lettered in the range.',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `SELECT count() AS dead_letters FROM dead_letters WHERE ${batches}` }],
    },
    {
      title: 'Failed source runs',
      description: 'Collector runs in the range that reported errors.',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `SELECT countIf(errors > 0 OR error_code != '') AS failed_runs FROM source_runs WHERE ${runs}` }],
    },
    {
      title: 'Worst source lag',
      description: 'Highest lag (newest item age when collected) of any source in the range.',
      kind: 'stat', w: 6, h: 4, unit: 's',
      queries: [{ format: 'table', sql: `SELECT ifNull(max(lag_seconds), 0) AS max_lag_s FROM source_runs WHERE ${runs}` }],
    },
    {
      title: 'Lag per source',
      description: 'Highest lag per interval and source.',
      kind: 'timeseries', w: 12, h: 8, unit: 's',
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(started_at) AS time, source, max(lag_seconds) AS lag_s
FROM source_runs WHERE ${runs} GROUP BY time, source ORDER BY time` }],
    },
    {
      title: 'Errors per source',
      description: 'Errors reported by collector runs per interval and source.',
      kind: 'timeseries', w: 12, h: 8, stacked: true,
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(started_at) AS time, source, sum(errors) AS errors
FROM source_runs WHERE ${runs} GROUP BY time, source ORDER BY time` }],
    },
    {
      title: 'Sources',
      description: 'Latest run of each source in the range.',
      kind: 'table', w: 24, h: 8,
      columns: ['source', 'last_run', 'status', 'runs', 'fetched', 'new', 'errors', 'lag_s', 'error_code', 'error_message'],
      queries: [{ format: 'table', sql: `SELECT source, max(started_at) AS last_run, argMax(status, started_at) AS status, count() AS runs,
  sum(fetched) AS fetched, sum(new) AS new, sum(errors) AS errors, round(argMax(lag_seconds, started_at), 1) AS lag_s,
  argMax(error_code, started_at) AS error_code, substring(argMax(error_message, started_at), 1, 200) AS error_message
FROM source_runs WHERE ${runs} GROUP BY source ORDER BY source` }],
    },
    {
      title: 'Stage throughput',
      description: 'Items per second through the write stage per interval ($__interval_s), by outcome.',
      kind: 'timeseries', w: 12, h: 8, unit: 'reqps',
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(at) AS time,
  sum(received) / $__interval_s AS received, sum(stored) / $__interval_s AS stored,
  sum(duplicates) / $__interval_s AS duplicates, sum(unmatched) / $__interval_s AS unmatched,
  sum(dead_lettered) / $__interval_s AS dead_lettered
FROM pipeline_batches WHERE ${batches} GROUP BY time ORDER BY time` }],
    },
    {
      title: 'Batch duration',
      description: 'p50 / p95 of batch processing time per interval.',
      kind: 'timeseries', w: 12, h: 8, unit: 'ms',
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(at) AS time, quantile(0.5)(duration_ms) AS p50, quantile(0.95)(duration_ms) AS p95
FROM pipeline_batches WHERE ${batches} GROUP BY time ORDER BY time` }],
    },
    {
      title: 'Dead letters by stage',
      description: 'Dead-lettered items per interval and stage.',
      kind: 'timeseries', w: 10, h: 8, stacked: true,
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(at) AS time, stage, count() AS dead_letters
FROM dead_letters WHERE ${batches} GROUP BY time, stage ORDER BY time` }],
    },
    {
      title: 'Latest dead letters',
      description: 'The 100 latest dead letters with their reason.',
      kind: 'table', w: 14, h: 8,
      columns: ['time', 'stage', 'code', 'source', 'mention_id', 'reason'],
      queries: [{ format: 'table', sql: `SELECT at AS time, stage, code, source, mention_id, substring(reason, 1, 300) AS reason
FROM dead_letters WHERE ${batches} ORDER BY at DESC LIMIT 100` }],
    },
  ],
};
