import { FakeClock } from '../../core/clock.ts';
import { toMention, type IntentName, type Mention } from '../../core/mention.ts';
import { createAlerter } from '../alerter.ts';
import type { AlertsConfig } from '../config.ts';
import type { AlertEventOut } from '../types.ts';
import type { GeneratedMention } from './stream.ts';

/** A generated mention as the pipeline would have stored it, labelled with the generator's truth. */
export function labelled(g: GeneratedMention, brand: string): Mention {
  const m = toMention(g, { now: Date.parse(g.publishedAt), maxTextLength: 10_000 });
  m.brands = [brand];
  m.sentiment = { score: g.truth.sentiment === 'negative' ? -0.6 : g.truth.sentiment === 'positive' ? 0.6 : 0, label: g.truth.sentiment };
  m.intents = g.truth.intents.map((name) => ({ name: name as IntentName, confidence: 0.9 }));
  m.reach = m.author.followers ?? 0;
  return m;
}

/**
 * Replays mentions through the alerting module on a simulated clock, the way
 * `earshot replay` does: mentions are observed in time order and the alerter
 * ticks every `stepMs` of simulated time. Returns every alert event.
 */
export async function replayAlerts(
  mentions: readonly Mention[],
  config: AlertsConfig,
  o: { stepMs?: number; tailMs?: number } = {},
): Promise<AlertEventOut[]> {
  const events: AlertEventOut[] = [];
  const first = mentions[0]?.publishedAt ?? 0;
  const clock = new FakeClock(first);
  const alerter = createAlerter({ config, clock, deliver: false, graceMs: 0, onEvent: (e) => events.push(e) });
  const step = o.stepMs ?? 15_000;
  let next = first + step;
  let i = 0;
  const end = (mentions.at(-1)?.publishedAt ?? first) + (o.tailMs ?? 0);
  while (next <= end + step) {
    const batch: Mention[] = [];
    while (i < mentions.length && (mentions[i]?.publishedAt ?? Infinity) < next) batch.push(mentions[i++] as Mention);
    await clock.set(next);
    if (batch.length) await alerter.observe(batch);
    await alerter.tick(next);
    next += step;
  }
  await alerter.stop();
  return events;
}
