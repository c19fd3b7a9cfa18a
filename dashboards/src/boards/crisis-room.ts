import type { AnnotationSpec, BoardSpec } from '../board.ts';
import { aggFilter, brandIn, rawFilter, VARIABLES } from '../filters.ts';
import { stopwordsArray } from '../stopwords.ts';

const where = `$__timeFilter(minute) AND ${aggFilter}`;

/** Alert life-cycle events from the events table, one annotation stream per type. */
const alertAnnotation = (type: string, name: string, iconColor: string): AnnotationSpec => ({
  name,
  iconColor,
  sql: `SELECT at AS time, concat(if(severity = '', 'alert', severity), ' ', type, ' · ', brand) AS title,
  concat(type, ': ', entity_id, if(actor != '', concat(' by ', actor), '')) AS text,
  [kind, type, severity, brand] AS tags
FROM events WHERE kind = 'alert' AND type = '${type}' AND $__timeFilter(at) AND ${brandIn()}
ORDER BY time`,
});

/**
 * Rising terms: tokens of recent mentions (the last 6 h of the range) against
 * the 7 days before, the baseline scaled to the same length; +1 smoothing so a
 * brand-new term ranks by its own count. Computed from raw text, bounded to
 * the 7-day window on the table's sort key. The baseline only needs
 * proportions, so it reads a fixed 1-in-10 sample of mentions (by id hash) and
 * scales back up: tokenising a week of raw text is what made this panel slow.
 */
const risingTerms = `SELECT term, countIf(recent) AS recent_mentions, countIf(NOT recent) * 10 AS baseline_mentions,
  round((recent_mentions + 1) / (baseline_mentions * (6 / 162) + 1), 2) AS lift
FROM (
  SELECT published_at >= $__toTime - INTERVAL 6 HOUR AS recent,
    arrayJoin(arrayDistinct(arrayFilter(t -> length(t) >= 3 AND NOT has(${stopwordsArray()}, t), splitByNonAlpha(lower(text))))) AS term
  FROM mentions
  WHERE published_at >= $__toTime - INTERVAL 168 HOUR AND published_at <= $__toTime
    AND (published_at >= $__toTime - INTERVAL 6 HOUR OR cityHash64(id) % 10 = 0) AND ${rawFilter}
)
GROUP BY term HAVING recent_mentions >= 3
ORDER BY lift DESC, recent_mentions DESC LIMIT 25`;

/** Comms' war room: how unusual the conversation is now, and what it is about. */
export const crisisRoom: BoardSpec = {
  uid: 'earshot-crisis-room',
  title: 'earshot · Crisis room',
  description: 'Negative share against its expected band, anomaly scores, alerts, crisis-risk mentions and rising terms.',
  tags: ['earshot', 'comms'],
  from: 'now-24h',
  refresh: '1m',
  variables: VARIABLES,
  annotations: [
    alertAnnotation('fired', 'Alerts fired', 'red'),
    alertAnnotation('acknowledged', 'Alerts acknowledged', 'yellow'),
    alertAnnotation('resolved', 'Alerts resolved', 'green'),
  ],
  panels: [
    {
      title: 'Open alerts',
      description: 'Alerts fired in the last 30 days whose latest event is not "resolved".',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `SELECT count() AS open_alerts FROM (
  SELECT entity_id, argMax(type, at) AS last FROM events
  WHERE kind = 'alert' AND type IN ('fired', 'acknowledged', 'resolved') AND at >= $__toTime - INTERVAL 30 DAY AND at <= $__toTime AND ${brandIn()}
  GROUP BY entity_id
) WHERE last != 'resolved'` }],
    },
    {
      title: 'Negative share (range)',
      description: 'Share of negative mentions in the range.',
      kind: 'stat', w: 6, h: 4, unit: 'percentunit',
      queries: [{ format: 'table', sql: `SELECT if(sum(mentions) = 0, 0, sumIf(mentions, sentiment_label = 'negative') / sum(mentions)) AS negative_share FROM mentions_1m WHERE ${where}` }],
    },
    {
      title: 'Crisis-risk mentions (range)',
      description: 'Mentions classified crisis_risk in the range.',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `SELECT sum(crisis) AS crisis_mentions FROM mentions_1m WHERE ${where}` }],
    },
    {
      title: 'Highest anomaly score (range)',
      description: "The detector's highest score in the range (0..1).",
      kind: 'stat', w: 6, h: 4, min: 0, max: 1,
      queries: [{ format: 'table', sql: `SELECT ifNull(max(score), 0) AS max_score FROM detections WHERE $__timeFilter(at) AND ${brandIn()}` }],
    },
    {
      title: 'Negative share vs expected band',
      description: "Observed negative share per interval (A) against the detector's expected value and band (B).",
      kind: 'timeseries', w: 16, h: 9, unit: 'percentunit', min: 0,
      queries: [
        { format: 'timeseries', sql: `SELECT $__timeInterval(minute) AS time, sumIf(mentions, sentiment_label = 'negative') / sum(mentions) AS observed
FROM mentions_1m WHERE ${where} GROUP BY time ORDER BY time` },
        { format: 'timeseries', sql: `SELECT $__timeInterval(at) AS time, avg(expected) AS expected, min(lower) AS lower, max(upper) AS upper
FROM detections WHERE $__timeFilter(at) AND metric = 'negative_share' AND dimension = 'all' AND ${brandIn()} GROUP BY time ORDER BY time` },
      ],
    },
    {
      title: 'Anomaly scores',
      description: 'Highest detector score per interval and metric, brand-level series (0..1).',
      kind: 'timeseries', w: 8, h: 9, min: 0, max: 1,
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(at) AS time, metric, max(score) AS score
FROM detections WHERE $__timeFilter(at) AND dimension = 'all' AND ${brandIn()} GROUP BY time, metric ORDER BY time` }],
    },
    {
      title: 'Crisis-risk mentions (live)',
      description: 'Latest 100 mentions classified crisis_risk (raw mentions, time-filtered on the sort key).',
      kind: 'table', w: 14, h: 10,
      columns: ['time', 'source', 'brand_names', 'author', 'followers', 'reach', 'sentiment', 'text', 'url'],
      queries: [{ format: 'table', sql: `SELECT published_at AS time, source, arrayStringConcat(brands, ', ') AS brand_names, author_name AS author,
  ifNull(author_followers, 0) AS followers, reach, round(sentiment_score, 2) AS sentiment, substring(text, 1, 280) AS text, url
FROM mentions WHERE $__timeFilter(published_at)
  AND (toDate(published_at), id) IN (SELECT toDate(published_at), id FROM mentions WHERE $__timeFilter(published_at) AND has(intents, 'crisis_risk') AND ${rawFilter} ORDER BY published_at DESC LIMIT 200)
ORDER BY published_at DESC LIMIT 1 BY id LIMIT 100` }],
    },
    {
      title: 'Top rising terms',
      description: 'Terms of the last 6 h against the 7 days before (lift = recent / scaled baseline; baseline estimated from a 1-in-10 sample).',
      kind: 'table', w: 10, h: 10,
      columns: ['term', 'recent_mentions', 'baseline_mentions', 'lift'],
      queries: [{ format: 'table', sql: risingTerms }],
    },
    {
      title: 'Alerts',
      description: 'Alerts fired in the range with their acknowledgement and resolution.',
      kind: 'table', w: 24, h: 8,
      columns: ['fired', 'alert', 'brand_name', 'severity', 'state', 'acknowledged', 'resolved', 'acknowledged_by'],
      queries: [{ format: 'table', sql: `SELECT minIf(at, type = 'fired') AS fired, entity_id AS alert, any(brand) AS brand_name,
  anyIf(severity, type = 'fired') AS severity, argMax(type, at) AS state,
  nullIf(minIf(at, type = 'acknowledged'), toDateTime64(0, 3, 'UTC')) AS acknowledged,
  nullIf(minIf(at, type = 'resolved'), toDateTime64(0, 3, 'UTC')) AS resolved,
  anyIf(actor, type = 'acknowledged') AS acknowledged_by
FROM events
WHERE kind = 'alert' AND at >= $__fromTime AND ${brandIn()}
  AND entity_id IN (SELECT entity_id FROM events WHERE kind = 'alert' AND type = 'fired' AND $__timeFilter(at))
GROUP BY entity_id ORDER BY fired DESC LIMIT 200` }],
    },
  ],
};
