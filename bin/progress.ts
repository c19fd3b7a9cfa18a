import type { Clock, TimerHandle } from '../core/clock.ts';
import type { Metrics } from '../core/metrics.ts';

async function bySource(metrics: Metrics, name: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) return out;
  for (const v of (await metric.get()).values) {
    const source = String(v.labels.source ?? '');
    out.set(source, (out.get(source) ?? 0) + v.value);
  }
  return out;
}

/**
 * The live progress line of `earshot start`: per source, mentions collected
 * (new) and stored, every `everyMs` when something changed. On stderr, so it
 * never mixes with command output.
 */
export function startProgress(o: { metrics: Metrics; clock: Clock; everyMs?: number; write?: (line: string) => void }): { stop(): Promise<void> } {
  const write = o.write ?? ((line: string) => process.stderr.write(line + '\n'));
  let last = '';
  let timer: TimerHandle | null = null;
  let stopped = false;
  const tick = async () => {
    const collected = await bySource(o.metrics, 'earshot_source_new_total');
    const stored = await bySource(o.metrics, 'earshot_mentions_stored_total');
    const names = [...new Set([...collected.keys(), ...stored.keys()])].sort();
    if (names.length === 0) return;
    const line = names.map((n) => `${n}: collected ${collected.get(n) ?? 0}, stored ${stored.get(n) ?? 0}`).join(' | ');
    if (line !== last) write(`progress  ${line}`);
    last = line;
  };
  const loop = () => {
    if (stopped) return;
    tick().finally(() => {
      if (!stopped) timer = o.clock.setTimeout(loop, o.everyMs ?? 10_000);
    });
  };
  timer = o.clock.setTimeout(loop, o.everyMs ?? 10_000);
  return {
    async stop() {
      stopped = true;
      if (timer) o.clock.clearTimeout(timer);
    },
  };
}
