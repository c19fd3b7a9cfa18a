/**
 * `npm run bench [-- section ...]`: prints throughput, latency and memory
 * figures. Figures, not assertions: this machine is small and noisy, so compare
 * numbers from one run. Each section runs in its own process (the embedded
 * ClickHouse binds one data directory per process, and memory peaks stay apart).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const sections: Record<string, () => Promise<void>> = {
  async pipeline() {
    const { benchPipeline } = await import('./pipeline.ts');
    const r = await benchPipeline(Number(process.env.BENCH_MENTIONS ?? 100_000));
    console.log(`pipeline (all-in-one, embedded): ${r.mentions} mentions JSONL → ClickHouse in ${r.seconds.toFixed(1)} s = ${r.mentionsPerSecond} mentions/s; peak RSS ${r.peakRssMb} MB; all enqueued after ${r.enqueueSeconds.toFixed(1)} s`);
    const total = Object.values(r.stageSeconds).reduce((a, b) => a + b, 0) || 1;
    console.log('  where the worker\'s time goes: ' + Object.entries(r.stageSeconds).sort((a, b) => b[1] - a[1]).map(([s, v]) => `${s} ${((100 * v) / total).toFixed(0)}%`).join(', '));
  },
  async classify() {
    const { benchClassify } = await import('../../pipeline/eval/bench.ts');
    const r = benchClassify();
    console.log(`classify stage alone (language, sentiment, intents, reach): ${r.mentionsPerSecond} short mentions per CPU-second (per core), ${r.wallMentionsPerSecond}/s wall; RSS ${r.rssMb} MB over ${r.mentions} mentions`);
  },
  async alerts() {
    const { benchAlertLatency } = await import('../../alerts/bench/alert-latency.ts');
    const r = await benchAlertLatency();
    console.log(`alert latency (stored mention → webhook receiver on 127.0.0.1, ${r.backgroundMentionsPerSecond} mentions/s background): p50 ${r.p50Ms.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms, max ${r.maxMs.toFixed(0)} ms over ${r.samples} alerts`);
  },
  async dashboards() {
    const { benchDashboards } = await import('./dashboards.ts');
    const mentions = Number(process.env.BENCH_DASHBOARD_MENTIONS ?? 10_000_000);
    const r = await benchDashboards({ mentions, log: (l) => console.log(`  ${l}`) });
    console.log(`dashboards: seeded ${mentions} mentions in ${(r.seedMentionsMs / 1000).toFixed(0)} s; slowest panel query over 30 days ${r.slowest.medianMs.toFixed(0)} ms (${r.slowest.query})`);
  },
};

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
if (args[0] === '--section') {
  const run = sections[args[1] ?? ''];
  if (!run) throw new Error(`unknown section ${args[1]}`);
  await run();
} else {
  const wanted = args.length ? args : Object.keys(sections);
  const unknown = wanted.filter((w) => !sections[w]);
  if (unknown.length) {
    console.error(`unknown bench section(s) ${unknown.join(', ')}; one of: ${Object.keys(sections).join(', ')}`);
    process.exit(2);
  }
  let failed = 0;
  for (const name of wanted) {
    console.log(`== ${name}`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--section', name], { stdio: 'inherit' });
    if (r.status !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
}
