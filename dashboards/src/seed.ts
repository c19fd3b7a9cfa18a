import type { Store } from '../../core/store/clickhouse.ts';

/**
 * Synthetic but schema-true data for the boards' tests and benchmark,
 * generated inside ClickHouse (`INSERT … SELECT … FROM numbers(n)`) so ten
 * million mentions take seconds, not a JS loop. Every choice is a hash of the
 * row number, so the same call seeds the same data. Mentions go into
 * `mentions` and reach `mentions_1m` through the real materialized view.
 */
export interface SeedOptions {
  mentions: number;
  /** End of the seeded period (ms since epoch). */
  nowMs: number;
  /** Length of the seeded period in days. Default 90. */
  days?: number;
  /** Brand names; the first is the "own" brand and gets the most mentions. Default Acme, Globex, Initech. */
  brands?: string[];
  /** Care items (each yields 3–6 care events). Default mentions / 20, at most 200 000. */
  careItems?: number;
  /** Alerts (fired → acknowledged → resolved). Default 200. */
  alerts?: number;
  /** Block size for the mention insert; smaller blocks use less memory. Default 200 000. */
  insertBlockSize?: number;
}

/** A ClickHouse string literal; the seed's own names (which may hold quotes) go through here. */
export function chString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const list = (xs: readonly string[]) => `[${xs.map(chString).join(',')}]`;

export const SEED_SOURCES = ['reddit', 'hackernews', 'mastodon', 'bluesky', 'rss', 'youtube', 'appstore', 'trustpilot', 'x'];
const SOURCE_WEIGHTS = ['reddit', 'reddit', 'reddit', 'x', 'x', 'x', 'rss', 'rss', 'mastodon', 'bluesky', 'hackernews', 'youtube', 'appstore', 'trustpilot'];
const LANGUAGES = ['en', 'en', 'en', 'en', 'en', 'de', 'de', 'de', 'fr', 'es', 'und'];
const COUNTRIES = ['', '', '', '', 'US', 'US', 'DE', 'DE', 'GB', 'FR', 'AT', 'CH'];
const WORDS = (
  'app update login crash slow refund price support delivery battery screen great love broken bug outage ' +
  'customer service account payment subscription cancel order shipping late quality recommend awesome terrible ' +
  'lieferung kaputt preis kundenservice schnell langsam bestellung rechnung problem super toll danke warum ' +
  'feature release version android iphone website checkout coupon discount trial pricing enterprise demo'
).split(' ');
const AGENTS = ['ana', 'ben', 'chris', 'dana', 'eli'];
const CHANNELS = ['public_reply', 'dm', 'email'];

const h = (salt: string) => `cityHash64(number, '${salt}')`;
const pick = (xs: readonly string[], salt: string) => `${list(xs)}[1 + ${h(salt)} % ${xs.length}]`;

export function mentionsInsertSql(o: SeedOptions): string {
  const days = o.days ?? 90;
  const brands = o.brands ?? ['Acme', 'Globex', 'Initech'];
  const spanMs = days * 86_400_000;
  // Own brand ~50 %, the rest shared; ~8 % mention two brands, ~3 % none (unmatched rows of mentions_1m).
  const brandPick = `arrayElement(${list(brands)}, 1 + if(${h('b')} % 2 = 0, 0, ${h('b2')} % ${brands.length}))`;
  const brandsExpr = `multiIf(${h('nb')} % 100 < 3, CAST([] AS Array(String)), ${h('nb')} % 100 < 11, arrayDistinct([${brandPick}, ${pick(brands, 'b3')}]), [${brandPick}])`;
  // Time falls as the row number rises (so each insert block lands in one
  // monthly partition, which keeps seeding fast), denser towards now, jittered.
  const offset = `toInt64(pow(1 - number / ${Math.max(1, Math.trunc(o.mentions))}, 1.3) * ${spanMs}) + toInt64(${h('t')} % 600000)`;
  return `INSERT INTO mentions
SELECT
  concat('m', toString(number)) AS id,
  ${pick(SOURCE_WEIGHTS, 's')} AS source,
  toString(number) AS native_id,
  concat('https://example.test/m/', toString(number)) AS url,
  '' AS title,
  arrayStringConcat(arrayMap(i -> ${list(WORDS)}[1 + cityHash64(number, i) % ${WORDS.length}], range(8 + ${h('len')} % 12)), ' ') AS text,
  ${pick(LANGUAGES, 'l')} AS language,
  ${pick(COUNTRIES, 'c')} AS country,
  fromUnixTimestamp64Milli(toInt64(${Math.trunc(o.nowMs)}) - ${offset}) AS published_at,
  published_at + toIntervalSecond(5) AS collected_at,
  published_at + toIntervalSecond(7) AS processed_at,
  concat('u', toString(${h('a')} % 50000)) AS author_id,
  concat('user ', toString(${h('a')} % 50000)) AS author_name,
  '' AS author_url,
  if(${h('f')} % 5 = 0, NULL, toUInt64(pow(10, (${h('f2')} % 6000) / 1000))) AS author_followers,
  toUInt32(${h('lk')} % 200) AS likes, toUInt32(${h('sh')} % 40) AS shares, toUInt32(${h('rp')} % 30) AS replies,
  if(source IN ('appstore', 'trustpilot'), toFloat32(1 + ${h('r')} % 5), NULL) AS rating,
  '' AS parent_id,
  ${brandsExpr} AS brands,
  toFloat32((${h('sent')} % 2001) / 1000 - 1) AS sentiment_score,
  multiIf(sentiment_score < -0.3, 'negative', sentiment_score > 0.3, 'positive', 'neutral') AS sentiment_label,
  arrayFilter(x -> x != '', [
    if(${h('i1')} % 100 < 5, 'lead', ''), if(${h('i2')} % 100 < 15, 'complaint', ''), if(${h('i3')} % 100 < 12, 'question', ''),
    if(${h('i4')} % 100 < 10, 'praise', ''), if(${h('i5')} % 100 < 2, 'crisis_risk', ''), if(${h('i6')} % 100 < 3, 'spam', '')]) AS intents,
  arrayMap(x -> toFloat32(0.8), intents) AS intent_confidences,
  toFloat32(pow(10, (${h('reach')} % 5000) / 1000)) AS reach,
  '' AS raw
FROM numbers(${Math.trunc(o.mentions)})`;
}

/** Care items as their event trail: created → claimed → responded → resolved, with breaches and hand-overs. */
export function careEventsInsertSql(o: SeedOptions, brands: string[]): string {
  const items = o.careItems ?? Math.min(200_000, Math.max(50, Math.floor(o.mentions / 20)));
  const spanMs = (o.days ?? 90) * 86_400_000;
  const created = `toInt64(${Math.trunc(o.nowMs)}) - toInt64((${h('ct')} % 1000000) / 1000000 * ${spanMs})`;
  return `INSERT INTO events (event_id, at, kind, type, entity_id, brand, actor, from_state, to_state, severity, data)
SELECT concat('care-', toString(number), '-', step.1) AS event_id,
  fromUnixTimestamp64Milli(created_ms + step.2) AS at, 'care' AS kind, step.1 AS type,
  concat('care-', toString(number)) AS entity_id, brand, step.3 AS actor, '' AS from_state, step.4 AS to_state, '' AS severity,
  toJSONString(map('intent', intent, 'source', source, 'channel', channel, 'slaDueAt', toString(created_ms + 1800000),
    'mentionId', concat('m', toString(number)), 'agent', agent)) AS data
FROM (
  SELECT number, ${created} AS created_ms, ${pick(brands, 'cb')} AS brand, ${pick(SEED_SOURCES, 'cs')} AS source,
    ${pick(['lead', 'complaint', 'question', 'complaint', 'crisis_risk', 'question'], 'ci')} AS intent,
    ${pick(CHANNELS, 'ch')} AS channel, ${pick(AGENTS, 'ag')} AS agent,
    toInt64(60000 + ${h('rt')} % 5400000) AS response_ms, ${h('fate')} % 100 AS fate
  FROM numbers(${items})
)
ARRAY JOIN arrayFilter(s -> s.1 != '', [
  ('created', toInt64(0), '', 'open'),
  (if(fate < 90, 'claimed', ''), toInt64(30000), agent, 'claimed'),
  (if(fate < 80, 'responded', ''), response_ms, agent, 'responded'),
  (if(response_ms > 1800000 OR fate >= 80, 'sla_breached', ''), toInt64(1800000), '', ''),
  (if(fate < 70, 'resolved', ''), response_ms + 60000, agent, 'resolved'),
  (if(fate >= 95, 'dismissed', ''), toInt64(120000), agent, 'dismissed'),
  (if(intent = 'lead' AND fate < 60, 'handed_to_sales', ''), response_ms + 120000, agent, 'handed_to_sales'),
  (if(fate % 10 = 3, 'reassigned', ''), toInt64(40000), agent, '')
]) AS step`;
}

export function alertEventsInsertSql(o: SeedOptions, brands: string[]): string {
  const alerts = o.alerts ?? 200;
  const spanMs = (o.days ?? 90) * 86_400_000;
  return `INSERT INTO events (event_id, at, kind, type, entity_id, brand, actor, from_state, to_state, severity, data)
SELECT concat('alert-', toString(number), '-', step.1), fromUnixTimestamp64Milli(fired_ms + step.2), 'alert', step.1,
  concat('alert-', toString(number)), brand, step.3, '', step.1, severity, '{}'
FROM (
  SELECT number, toInt64(${Math.trunc(o.nowMs)}) - toInt64((${h('at')} % 1000000) / 1000000 * ${spanMs}) AS fired_ms,
    ${pick(brands, 'ab')} AS brand, ${pick(['info', 'warning', 'critical', 'crisis'], 'sev')} AS severity, ${h('af')} % 10 AS fate
  FROM numbers(${alerts})
)
ARRAY JOIN arrayFilter(s -> s.1 != '', [('fired', toInt64(0), ''), ('notified', toInt64(5000), ''),
  (if(fate < 8, 'acknowledged', ''), toInt64(600000), ${pick(AGENTS, 'ack')}), (if(fate < 6, 'resolved', ''), toInt64(3600000), '')]) AS step`;
}

/** Collector runs every 5 minutes per source, batches every minute, and a trickle of dead letters. */
export function opsInsertSql(o: SeedOptions): string[] {
  const days = Math.min(o.days ?? 90, 30);
  const runs = (days * 86_400_000) / 300_000;
  const now = Math.trunc(o.nowMs);
  return [
    `INSERT INTO source_runs SELECT fromUnixTimestamp64Milli(toInt64(${now}) - toInt64(intDiv(number, ${SEED_SOURCES.length})) * 300000) AS started_at,
  started_at + toIntervalMillisecond(800 + ${h('d')} % 4000) AS finished_at, ${list(SEED_SOURCES)}[1 + number % ${SEED_SOURCES.length}] AS source,
  source AS type, if(${h('e')} % 50 = 0, 'error', 'ok') AS status, toUInt32(${h('fe')} % 100) AS fetched, toUInt32(fetched / 2) AS new,
  toUInt32(fetched - new) AS duplicates, toUInt32(status = 'error') AS errors, if(status = 'error', 'HTTP_429', '') AS error_code,
  if(status = 'error', 'rate limited by upstream', '') AS error_message, (${h('lag')} % 600) + 5 AS lag_seconds
FROM numbers(${Math.floor(runs * SEED_SOURCES.length)})`,
    `INSERT INTO pipeline_batches SELECT fromUnixTimestamp64Milli(toInt64(${now}) - toInt64(intDiv(number, 3)) * 60000) AS at,
  concat('b', toString(number)) AS batch_id, ${list(SEED_SOURCES)}[1 + ${h('bs')} % ${SEED_SOURCES.length}] AS source,
  toUInt32(50 + ${h('rc')} % 200) AS received, toUInt32(received * 0.8) AS stored, toUInt32(received * 0.15) AS duplicates,
  toUInt32(received * 0.04) AS unmatched, toUInt32(received - stored - duplicates - unmatched) AS dead_lettered,
  toUInt32(20 + ${h('du')} % 500) AS duration_ms
FROM numbers(${Math.floor((days * 86_400_000) / 60_000) * 3})`,
    `INSERT INTO dead_letters SELECT fromUnixTimestamp64Milli(toInt64(${now}) - toInt64(${h('dt')} % ${days * 86_400_000})) AS at,
  ${pick(['normalize', 'detect-language', 'classify-intent', 'write-clickhouse'], 'ds')} AS stage,
  ${pick(['INVALID_MENTION', 'TEXT_TOO_LONG', 'BAD_DATE'], 'dc')} AS code, 'field publishedAt: not a date' AS reason,
  ${list(SEED_SOURCES)}[1 + ${h('dso')} % ${SEED_SOURCES.length}] AS source, concat('dl', toString(number)) AS mention_id, '{}' AS payload
FROM numbers(${Math.max(20, Math.floor(o.mentions / 1000))})`,
  ];
}

/** Detector output every 5 minutes per brand and metric, with an expected band around the observed share. */
export function detectionsInsertSql(o: SeedOptions, brands: string[]): string {
  const windows = (Math.min(o.days ?? 90, 30) * 86_400_000) / 300_000;
  const metrics = ['volume', 'negative_share', 'crisis_count'];
  return `INSERT INTO detections (at, brand, metric, dimension, window_ms, observed, expected, lower, upper, score, kind)
SELECT fromUnixTimestamp64Milli(toInt64(${Math.trunc(o.nowMs)}) - toInt64(intDiv(number, ${brands.length * metrics.length})) * 300000) AS at,
  ${list(brands)}[1 + number % ${brands.length}] AS brand, ${list(metrics)}[1 + intDiv(number, ${brands.length}) % ${metrics.length}] AS metric,
  'all' AS dimension, 300000 AS window_ms, (${h('ob')} % 1000) / 1000 * 0.5 AS observed, 0.25 AS expected, 0.15 AS lower, 0.35 AS upper,
  toFloat32(pow((${h('sc')} % 1000) / 1000, 4)) AS score, if(score > 0.9, 'negative_share', '') AS kind
FROM numbers(${Math.floor(windows * brands.length * metrics.length)})`;
}

async function tableExists(store: Store, table: string): Promise<boolean> {
  const rows = await store.query<{ n: string }>('SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = {t:String}', { t: table });
  return Number(rows[0]?.n ?? 0) > 0;
}

export interface SeedReport {
  mentionsMs: number;
  otherMs: number;
  detections: boolean;
}

/** Seeds every table the boards read. `detections` only when its migration (110) is present. */
export async function seedAll(store: Store, o: SeedOptions): Promise<SeedReport> {
  const brands = o.brands ?? ['Acme', 'Globex', 'Initech'];
  const t0 = performance.now();
  await store.client.command({
    query: mentionsInsertSql({ ...o, brands }),
    clickhouse_settings: { max_block_size: String(o.insertBlockSize ?? 200_000), min_insert_block_size_rows: String(o.insertBlockSize ?? 200_000) },
  });
  const t1 = performance.now();
  await store.command(careEventsInsertSql(o, brands));
  await store.command(alertEventsInsertSql(o, brands));
  for (const sql of opsInsertSql(o)) await store.command(sql);
  const detections = await tableExists(store, 'detections');
  if (detections) await store.command(detectionsInsertSql(o, brands));
  return { mentionsMs: t1 - t0, otherMs: performance.now() - t1, detections };
}
