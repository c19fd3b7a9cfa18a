/**
 * `npm run bench [-- section ...]`: prints throughput, latency and memory
 * figures. Figures, not assertions: this machine is small and noisy, so compare
 * numbers from one run. Sections: pipeline (default all).
 */
import { benchPipeline } from './pipeline.ts';

const sections: Record<string, () => Promise<void>> = {
  async pipeline() {
    const r = await benchPipeline(Number(process.env.BENCH_MENTIONS ?? 100_000));
    console.log(`pipeline (all-in-one, embedded): ${r.mentions} mentions JSONL → ClickHouse in ${r.seconds.toFixed(1)} s = ${r.mentionsPerSecond} mentions/s; peak RSS ${r.peakRssMb} MB; enqueue done after ${r.enqueueSeconds.toFixed(1)} s`);
    const total = Object.values(r.stageSeconds).reduce((a, b) => a + b, 0) || 1;
    console.log('  where the time goes (worker): ' + Object.entries(r.stageSeconds).sort((a, b) => b[1] - a[1]).map(([s, v]) => `${s} ${((100 * v) / total).toFixed(0)}%`).join(', '));
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(sections)) {
  const run = sections[name];
  if (!run) {
    console.error(`unknown bench section "${name}"; one of: ${Object.keys(sections).join(', ')}`);
    process.exit(2);
  }
  await run();
}
