import { toMention, type Mention } from '../../core/mention.ts';
import { createUnderstander, understandingSchema } from '../understand/index.ts';

/**
 * Throughput of the understanding stages (language, sentiment, intents,
 * reach) on short German and English social texts, on one core. Texts vary
 * by an index so memo caches do not make every lookup a hit.
 */
const TEMPLATES = [
  'Der Kundenservice von Acme ist echt nicht gut, warte seit {n} Tagen auf Antwort 😡',
  'Wo kann ich das neue Acme Phone {n} am günstigsten kaufen?',
  'Sooo geiiil, das Update {n} läuft super! Danke @acme',
  'Zug {n} fällt schon wieder aus, die Bahn ist eine Katastrophe.',
  'Looking for a good laptop for video editing, budget {n} dollars, any recommendations?',
  'The app crashed {n} times today. Worst update ever.',
  'Love the new design, great job team! #{n}',
  'Not bad at all, but the battery could be better {n}',
  'Massive data breach at Acme, {n} accounts leaked. Time for a lawsuit.',
  'FREE followers!!! click here http://spam.example/{n} #follow #like',
  'Heute Abend Fußball mit Freunden, Spiel {n}',
  'Just bought a new phone, setting it up now ({n})',
];

export interface BenchResult {
  /** Per core: mentions ÷ CPU seconds of this process (robust when other work shares the machine). */
  mentionsPerSecond: number;
  /** Mentions ÷ elapsed seconds. */
  wallMentionsPerSecond: number;
  rssMb: number;
  mentions: number;
}

export function benchClassify(options: { mentions?: number } = {}): BenchResult {
  const total = options.mentions ?? 60_000;
  const u = createUnderstander({ ...understandingSchema.parse({}), brands: [] });
  const now = Date.UTC(2026, 2, 2);
  const batch: Mention[] = [];
  for (let i = 0; i < total; i++) {
    const text = (TEMPLATES[i % TEMPLATES.length] as string).replace('{n}', String(i));
    batch.push(toMention({ text, author: { followers: i % 5000 }, engagement: { likes: i % 50 } }, { lenient: true, now, maxTextLength: 10_000, fallbackId: String(i) }));
  }
  for (let i = 0; i < Math.min(2000, total); i++) u.enrich(batch[i] as Mention); // warm up the JIT
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const m of batch) u.enrich(m);
  const cpu = process.cpuUsage(c0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    mentionsPerSecond: Math.round(total / cpuSeconds),
    wallMentionsPerSecond: Math.round(total / seconds),
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
    mentions: total,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchClassify()));
