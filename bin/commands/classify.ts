import { once } from 'node:events';
import { loadConfig } from '../../config/load.ts';
import { SystemClock } from '../../core/clock.ts';
import { errorMessage } from '../../core/errors.ts';
import { silentLogger } from '../../core/logger.ts';
import { Metrics } from '../../core/metrics.ts';
import type { Mention } from '../../core/mention.ts';
import { readJsonl } from '../../collectors/jsonl-import/read.ts';
import { readingStages } from '../../pipeline/pipeline.ts';
import { compileBrands, matchBrands } from '../../pipeline/stages/match-brands/index.ts';
import { normalize } from '../../pipeline/stages/normalize/index.ts';
import type { StageContext } from '../../pipeline/stage.ts';
import { configOption, type Command } from './command.ts';

const CHUNK = 512;

/**
 * JSONL in, the same objects out in the same order, enriched by the same
 * stages the pipeline runs. Streams with constant memory; a bad line is
 * reported on stderr with its number and left out, the rest go on.
 */
const command: Command = {
  name: 'classify',
  summary: 'Read mentions as JSONL on stdin; write them enriched (language, sentiment, brands, intents, reach) to stdout.',
  usage: '[--config F]',
  options: { ...configOption },
  async run({ values }) {
    // Brands only tag here (nothing is dropped), so the usual config applies: --config, $EARSHOT_CONFIG or the default.
    const config = loadConfig(values.config as string | undefined);
    const reading = readingStages(config);
    const brands = compileBrands(config.brands);
    const clock = new SystemClock();

    const flush = async (chunk: Array<{ line: number; value: unknown }>) => {
      const byIndex = new Map<number, Mention>();
      const lineOf = new Map<Mention, number>();
      let current = 0;
      const ctx: StageContext = {
        clock, logger: silentLogger, metrics: new Metrics(), batchId: 'classify',
        deadLetter(item, stage, err) {
          process.stderr.write(`line ${lineOf.get(item) ?? chunk[current]?.line ?? '?'}: ${stage}: ${errorMessage(err)}\n`);
        },
        drop() {},
      };
      const out: string[] = [];
      for (current = 0; current < chunk.length; current++) {
        const entry = chunk[current]!;
        const [m] = normalize([entry.value], ctx, 'classify', { maxTextLength: config.pipeline.maxTextLength, lenient: true });
        if (m) {
          byIndex.set(current, m);
          lineOf.set(m, entry.line);
        }
      }
      let batch = [...byIndex.values()];
      batch = await reading.language.run(batch, ctx);
      for (const m of batch) m.brands = matchBrands(brands, m.title ? `${m.title}\n${m.text}` : m.text, m.language);
      for (const stage of reading.afterBrands) batch = await stage.run(batch, ctx);
      const kept = new Set(batch);
      for (let i = 0; i < chunk.length; i++) {
        const m = byIndex.get(i);
        if (!m || !kept.has(m)) continue;
        const obj = chunk[i]!.value as Record<string, unknown>;
        out.push(JSON.stringify({
          ...obj,
          language: m.language,
          sentiment: { score: Math.round(m.sentiment.score * 1000) / 1000, label: m.sentiment.label },
          brands: m.brands,
          intents: m.intents.map((x) => ({ name: x.name, confidence: Math.round(x.confidence * 1000) / 1000 })),
          reach: Math.round(m.reach * 1000) / 1000,
        }));
      }
      if (out.length && !process.stdout.write(out.join('\n') + '\n')) await once(process.stdout, 'drain');
    };

    let chunk: Array<{ line: number; value: unknown }> = [];
    for await (const entry of readJsonl('-')) {
      if ('error' in entry) {
        process.stderr.write(`${entry.error}\n`);
        continue;
      }
      if (!entry.value || typeof entry.value !== 'object' || Array.isArray(entry.value)) {
        process.stderr.write(`line ${entry.line}: expected a JSON object with at least "text"\n`);
        continue;
      }
      chunk.push({ line: entry.line, value: entry.value });
      if (chunk.length >= CHUNK) {
        await flush(chunk);
        chunk = [];
      }
    }
    if (chunk.length) await flush(chunk);
    // Bad lines are reported on stderr, not fatal: a pipe keeps going.
    return 0;
  },
};
export default command;
