import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../../core/store/clickhouse.ts';
import { migrate } from '../../core/store/migrate.ts';
import { migrations } from '../../core/store/migrations/index.ts';
import { expandQuery } from '../../dashboards/src/expand.ts';
import { boardQueries, loadBoards } from '../../dashboards/src/load.ts';
import { contextFor, resolveVariables, runSql, type Selection } from '../../dashboards/src/run.ts';
import { seedAll } from '../../dashboards/src/seed.ts';

/**
 * Every board query over the last 30 days of 10 million seeded mentions
 * (90 days, generated inside ClickHouse), with all brands and with one brand
 * selected. Prints the median of 3 runs per query and the slowest; asserts
 * nothing (the target is < 1 s per query on a 2-core machine).
 *
 *   node --import tsx test/bench/dashboards.ts [mentions] [--keep DIR]
 *
 * `--keep DIR` keeps the seeded store in DIR, and a later run with the same
 * DIR skips seeding: the query timings can be repeated on a quiet machine.
 */
export interface DashboardsBenchOptions {
  /** Mentions to seed. Default 10 000 000. */
  mentions?: number;
  /** Runs per query; the median is reported. Default 3. */
  runs?: number;
  log?: (line: string) => void;
  /** Keep the store in this directory and reuse it when already seeded. Default: a temp dir, removed after. */
  keepDir?: string;
}

export interface DashboardsBenchResult {
  seedMentionsMs: number;
  seedOtherMs: number;
  queries: Array<{ query: string; selection: string; medianMs: number; rows: number }>;
  slowest: { query: string; selection: string; medianMs: number };
}

const DAY = 86_400_000;

export async function benchDashboards(options: DashboardsBenchOptions = {}): Promise<DashboardsBenchResult> {
  const mentions = options.mentions ?? 10_000_000;
  const runs = options.runs ?? 3;
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = options.keepDir ?? mkdtempSync(join(tmpdir(), 'earshot-bench-dash-'));
  const store = await Store.open({ path: dir });
  try {
    await migrate(store, migrations);
    const existing = await store.query<{ n: string; last: string }>('SELECT count() AS n, toUnixTimestamp64Milli(max(published_at)) AS last FROM mentions');
    let seed = { mentionsMs: 0, otherMs: 0 };
    let nowMs = Math.floor(Date.now() / 60_000) * 60_000;
    if (Number(existing[0]?.n ?? 0) > 0) {
      // Reusing a kept store: its "now" is the end of the seeded period.
      nowMs = Math.ceil(Number(existing[0]?.last) / 60_000) * 60_000;
      log(`reusing ${Number(existing[0]?.n).toLocaleString('en')} seeded mentions in ${dir}`);
    } else {
      log(`seeding ${mentions.toLocaleString('en')} mentions over 90 days into ${dir} …`);
      seed = await seedAll(store, { mentions, nowMs, days: 90 });
    }
    const parts = await store.query<{ n: string }>("SELECT count() AS n FROM system.parts WHERE active AND table = 'mentions'");
    log(`seeded: mentions ${(seed.mentionsMs / 1000).toFixed(1)} s (incl. mentions_1m view), events/ops/detections ${(seed.otherMs / 1000).toFixed(1)} s; ${parts[0]?.n ?? '?'} active parts`);

    const range = { fromMs: nowMs - 30 * DAY, toMs: nowMs };
    const selections: Array<[string, Selection]> = [
      ['all brands', {}],
      ['one brand', { brand: ['Acme'] }],
    ];
    const results: DashboardsBenchResult['queries'] = [];
    const boards = loadBoards(fileURLToPath(new URL('../../dashboards/json', import.meta.url)));
    for (const board of boards) {
      for (const [selName, selection] of selections) {
        const variables = await resolveVariables(store, board, range, selection);
        for (const q of boardQueries(board)) {
          const sql = expandQuery(q.sql, contextFor(q, range, variables));
          const times: number[] = [];
          let rows = 0;
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            rows = (await runSql(store, sql)).data.length;
            times.push(performance.now() - t0);
          }
          times.sort((a, b) => a - b);
          const medianMs = times[Math.floor(times.length / 2)] ?? 0;
          const label = `${board.file.replace(/\.json$/, '')} › ${q.where}${q.refId === 'A' || q.role !== 'panel' ? '' : ` [${q.refId}]`}`;
          results.push({ query: label, selection: selName, medianMs, rows });
          log(`${medianMs.toFixed(0).padStart(6)} ms  ${String(rows).padStart(6)} rows  ${selName.padEnd(10)}  ${label}`);
        }
      }
    }
    const slowest = results.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
    const over = results.filter((r) => r.medianMs >= 1000);
    log(`slowest: ${slowest.medianMs.toFixed(0)} ms  ${slowest.selection}  ${slowest.query}`);
    log(over.length === 0 ? `all ${results.length} queries under 1 s` : `${over.length} of ${results.length} queries at or over 1 s`);
    return { seedMentionsMs: seed.mentionsMs, seedOtherMs: seed.otherMs, queries: results, slowest };
  } finally {
    await store.close();
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const keepAt = args.indexOf('--keep');
  const keepDir = keepAt >= 0 ? args[keepAt + 1] : undefined;
  const n = args.find((a, i) => /^\d+$/.test(a) && i !== keepAt + 1);
  await benchDashboards({ ...(n ? { mentions: Number(n) } : {}), ...(keepDir ? { keepDir } : {}) });
}
