import type { MentionInput } from '../../core/mention.ts';
import { gaussian as gauss, poisson, rng } from '../../core/random.ts';

/**
 * Generates recorded streams of mentions for backtests: weeks of ordinary
 * traffic per brand (daily and weekly rhythm, German and English, organic bumps
 * that are not crises) plus scripted episodes (a crisis, a slow burn, a positive
 * campaign). Output is Mention JSONL objects in time order; each carries a
 * `truth` field (unknown fields are kept by the pipeline) with the labels the
 * generator meant, so tests of the alerting alone can skip the classifiers.
 */

export interface Episode {
  type: 'crisis' | 'slow_burn' | 'campaign' | 'bump';
  /** Start (ISO or ms). */
  at: string | number;
  /** Length in minutes. Defaults: crisis 180, slow_burn 480, campaign 120, bump 60. */
  minutes?: number;
  /** Volume multiplier at full strength. Defaults: crisis 5, slow_burn 1.2, campaign 5, bump 2. */
  factor?: number;
  /** Negative share reached (crisis 0.7 within 20 min, slow burn 0.5 at the end). */
  negativeShare?: number;
}

export interface StreamOptions {
  brand: string;
  /** Start of the stream (ISO); default Monday 2026-03-02T00:00:00Z. */
  start?: string;
  days?: number;
  /** Mean mentions per hour at the daily peak; default 600 (a mid-size consumer brand). */
  peakPerHour?: number;
  /** Usual share of negative mentions; default 0.2. */
  negativeShare?: number;
  /** Share of German mentions; default 0.5. */
  germanShare?: number;
  /** Organic bumps per week (×1.5–2.5 for 30–90 min, ordinary mood); default 3. */
  bumpsPerWeek?: number;
  episodes?: Episode[];
  seed?: number;
}

export interface GeneratedMention extends MentionInput {
  truth: { sentiment: 'negative' | 'neutral' | 'positive'; intents: string[]; episode: string };
}

/** Relative activity by UTC hour: quiet nights (an international audience never sleeps fully), busy evenings. */
const HOURLY = [0.3, 0.24, 0.2, 0.18, 0.18, 0.22, 0.3, 0.45, 0.6, 0.7, 0.75, 0.8, 0.85, 0.8, 0.78, 0.8, 0.85, 0.9, 0.95, 1, 0.95, 0.8, 0.55, 0.3];
/** Monday … Sunday (getUTCDay order: Sunday first). */
const WEEKLY = [0.7, 1, 1, 1, 1, 0.95, 0.75];

const PRODUCTS = ['phone', 'app', 'router', 'headphones', 'watch', 'laptop'];
const T = {
  en: {
    neutral: ['Anyone using {b} {p} for work?', 'Just saw the new {b} ad on TV', '{b} store opening hours on Sunday?', 'Comparing {b} {p} with the other one, thoughts?', 'Picked up a {b} {p} for my dad today'],
    positive: ['Love my new {b} {p}, works great', 'Great service from {b} today, quick and friendly', 'The {b} {p} battery lasts forever, impressed', '{b} support sorted my issue in minutes, thanks'],
    negative: ['{b} support kept me waiting for an hour', 'My {b} {p} stopped working again, annoying', 'Overpriced and slow, disappointed with {b}', '{b} delivery late again, not happy'],
    crisis: ['{b} {p} caught fire in my kitchen, dangerous! Recall it now', 'Boycott {b} after the data breach, they leaked our passwords', '{b} hid the battery defect, total scandal', 'My {b} {p} exploded while charging, recall now', 'Data breach at {b}: my card was charged by fraudsters, boycott'],
    slow: ['{b} app update broke login again', 'Since the update my {b} {p} keeps crashing', 'Still cannot log in to the {b} app after the update', '{b} update ruined the {p}, crashes every hour'],
    campaign: ['Loving the {b} summer campaign, so fun #{b}Summer', 'The new {b} ad with the dancing dog is brilliant', 'Won a {b} {p} in the summer giveaway, amazing', '{b} summer deals are great, just ordered'],
    bump: ['{b} just announced a new {p}, looks interesting', 'Watching the {b} keynote live', 'New {b} {p} colours revealed today', '{b} livestream happening now'],
  },
  de: {
    neutral: ['Nutzt jemand {b} {p} für die Arbeit?', 'Gerade die neue {b} Werbung gesehen', 'Hat der {b} Laden sonntags offen?', 'Habe heute ein {b} {p} für meinen Vater gekauft'],
    positive: ['Mein neues {b} {p} ist super, läuft prima', 'Toller Service von {b} heute, schnell und freundlich', 'Der Akku vom {b} {p} hält ewig, beeindruckend', 'Danke {b}, Problem in Minuten gelöst'],
    negative: ['Der {b} Support lässt mich seit einer Stunde warten', 'Mein {b} {p} geht schon wieder nicht, nervig', 'Zu teuer und langsam, enttäuscht von {b}', 'Lieferung von {b} wieder zu spät, ärgerlich'],
    crisis: ['Rückruf! {b} {p} hat in meiner Küche gebrannt, gefährlich', 'Boykott {b} nach dem Datenleck, Passwörter geleakt', '{b} hat den Akku-Defekt verschwiegen, ein Skandal', 'Mein {b} {p} ist beim Laden explodiert, Rückruf jetzt', 'Datenleck bei {b}: Betrug mit meiner Karte, Boykott'],
    slow: ['Seit dem Update stürzt die {b} App ständig ab', 'Login in der {b} App geht nach dem Update nicht mehr', 'Das {b} Update hat mein {p} kaputt gemacht', '{b} App nach Update unbrauchbar, stürzt dauernd ab'],
    campaign: ['Die neue {b} Sommerkampagne ist super lustig', 'Die {b} Werbung mit dem tanzenden Hund ist genial', 'Beim {b} Gewinnspiel ein {p} gewonnen, toll', 'Die {b} Sommerangebote sind klasse, gleich bestellt'],
    bump: ['{b} hat ein neues {p} angekündigt, sieht interessant aus', 'Schaue gerade die {b} Präsentation live', 'Neue {b} {p} Farben heute vorgestellt'],
  },
};
const SOURCES = ['reddit', 'mastodon', 'bluesky', 'hackernews', 'rss', 'trustpilot'];
const FILLER = ['', '', '', ' tbh', ' lol', ' !!', ' 🙄', ' 👍', ' #tech', ' heute', ' echt', ' ehrlich gesagt'];

const ms = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));

/** Generates the stream, time ordered. Deterministic for a given seed. */
export function generateStream(o: StreamOptions): GeneratedMention[] {
  const r = rng(o.seed ?? 1);
  const start = Date.parse(o.start ?? '2026-03-02T00:00:00Z');
  const end = start + (o.days ?? 14) * 86_400_000;
  const peak = o.peakPerHour ?? 600;
  const neg0 = o.negativeShare ?? 0.2;
  const de = o.germanShare ?? 0.5;
  const episodes: Array<Required<Pick<Episode, 'type' | 'minutes' | 'factor'>> & { at: number; negativeShare: number }> = (o.episodes ?? []).map((e) => ({
    type: e.type,
    at: ms(e.at),
    minutes: e.minutes ?? { crisis: 180, slow_burn: 480, campaign: 120, bump: 60 }[e.type],
    factor: e.factor ?? { crisis: 5, slow_burn: 1.2, campaign: 5, bump: 2 }[e.type],
    negativeShare: e.negativeShare ?? { crisis: 0.7, slow_burn: 0.5, campaign: 0.08, bump: neg0 }[e.type],
  }));
  const weeks = (end - start) / (7 * 86_400_000);
  for (let i = 0; i < Math.round((o.bumpsPerWeek ?? 3) * weeks); i++) {
    const at = start + Math.floor(r() * (end - start - 3 * 3_600_000));
    episodes.push({ type: 'bump', at, minutes: 30 + Math.floor(r() * 60), factor: 1.5 + r(), negativeShare: neg0 });
  }
  const out: GeneratedMention[] = [];
  let n = 0;
  for (let t = start; t < end; t += 60_000) {
    const d = new Date(t);
    const base = (peak / 60) * (HOURLY[d.getUTCHours()] ?? 0.5) * (WEEKLY[d.getUTCDay()] ?? 1);
    let factor = 1;
    let neg = neg0;
    let active: (typeof episodes)[number] | undefined;
    for (const e of episodes) {
      const m = (t - e.at) / 60_000;
      if (m < 0 || m >= e.minutes) continue;
      if (e.type === 'crisis') {
        // Volume jumps within a few minutes; the share of anger climbs over the first 20, then stays.
        const ramp = Math.min(1, (m + 1) / 20);
        factor = Math.max(factor, 1 + (e.factor - 1) * Math.min(1, (m + 1) / 3));
        neg = neg0 + (e.negativeShare - neg0) * ramp;
      } else if (e.type === 'slow_burn') {
        const ramp = m / e.minutes;
        factor = Math.max(factor, 1 + (e.factor - 1) * ramp);
        neg = neg0 + (e.negativeShare - neg0) * ramp;
      } else {
        factor = Math.max(factor, e.factor);
        if (e.type === 'campaign') neg = e.negativeShare;
      }
      if (e.type !== 'bump' || !active) active = e;
    }
    const count = poisson(base * factor, r);
    for (let i = 0; i < count; i++) {
      const lang = r() < de ? 'de' : 'en';
      const tpl = T[lang];
      const u = r();
      let sentiment: GeneratedMention['truth']['sentiment'];
      let pool: string[];
      const intents: string[] = [];
      const extra = active ? (active.factor - 1) / active.factor : 0;
      const episodic = active && r() < extra;
      if (u < neg) {
        sentiment = 'negative';
        if (episodic && active?.type === 'crisis') {
          pool = tpl.crisis;
          intents.push('crisis_risk');
        } else if (active?.type === 'slow_burn' && r() < 0.7) pool = tpl.slow;
        else pool = tpl.negative;
        intents.push('complaint');
      } else if (episodic && active?.type === 'campaign') {
        sentiment = 'positive';
        pool = tpl.campaign;
      } else if (episodic && active?.type === 'bump') {
        sentiment = 'neutral';
        pool = tpl.bump;
      } else if (u < neg + 0.3) {
        sentiment = 'positive';
        pool = tpl.positive;
        intents.push('praise');
      } else {
        sentiment = 'neutral';
        pool = tpl.neutral;
        if (r() < 0.05) intents.push('lead');
      }
      const text = (pool[Math.floor(r() * pool.length)] ?? '').replaceAll('{b}', o.brand).replaceAll('{p}', PRODUCTS[Math.floor(r() * PRODUCTS.length)] ?? 'app') + (FILLER[Math.floor(r() * FILLER.length)] ?? '');
      const author = Math.floor(r() * 20_000);
      const followers = Math.round(Math.exp(4 + 2 * gauss(r)));
      const source = SOURCES[Math.floor(r() * SOURCES.length)] ?? 'reddit';
      n++;
      out.push({
        source,
        id: `${o.brand.toLowerCase()}-${o.seed ?? 1}-${n}`,
        text,
        publishedAt: new Date(t + Math.floor(r() * 60_000)).toISOString(),
        language: lang,
        author: { id: `u${author}`, name: `user${author}`, followers: Math.min(followers, 5_000_000) },
        engagement: { likes: Math.floor(r() * 20), shares: Math.floor(r() * 5), replies: Math.floor(r() * 5) },
        ...(source === 'trustpilot' ? { rating: sentiment === 'negative' ? 2 : sentiment === 'positive' ? 5 : 3 } : {}),
        truth: { sentiment, intents, episode: episodic && active ? active.type : '' },
      });
    }
  }
  return out.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
}

/** The stream as JSONL text (what `earshot replay` reads). */
export function toJsonl(mentions: readonly GeneratedMention[]): string {
  return mentions.map((m) => JSON.stringify(m)).join('\n') + '\n';
}
