import type { BoardSpec } from '../board.ts';
import { aggFilter, languageIn, rawFilter, sourceIn, VARIABLES } from '../filters.ts';

const bucket = '$__timeInterval(minute)';
const where = `$__timeFilter(minute) AND ${aggFilter}`;

/** Marketers' main board: volume, sentiment, breakdowns, share of voice and the loudest mentions. */
export const brandOverview: BoardSpec = {
  uid: 'earshot-brand-overview',
  title: 'earshot · Brand overview',
  description: 'Volume, sentiment, breakdowns and share of voice per brand (reads mentions_1m).',
  tags: ['earshot', 'marketing'],
  from: 'now-7d',
  refresh: '5m',
  variables: VARIABLES,
  panels: [
    {
      title: 'Mentions',
      description: 'Mentions in the range for the selected brands, sources and languages.',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `SELECT sum(mentions) AS mentions FROM mentions_1m WHERE ${where}` }],
    },
    {
      title: 'Net sentiment',
      description: '(positive − negative) / all mentions in the range, −1..1.',
      kind: 'stat', w: 6, h: 4, unit: 'percentunit', min: -1, max: 1,
      queries: [{
        format: 'table',
        sql: `SELECT if(sum(mentions) = 0, 0, (sumIf(mentions, sentiment_label = 'positive') - sumIf(mentions, sentiment_label = 'negative')) / sum(mentions)) AS net_sentiment
FROM mentions_1m WHERE ${where}`,
      }],
    },
    {
      title: 'Reach',
      description: 'Summed estimated reach of the mentions in the range.',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `SELECT sum(reach) AS reach FROM mentions_1m WHERE ${where}` }],
    },
    {
      title: 'Negative share',
      description: 'Share of negative mentions in the range.',
      kind: 'stat', w: 6, h: 4, unit: 'percentunit',
      queries: [{ format: 'table', sql: `SELECT if(sum(mentions) = 0, 0, sumIf(mentions, sentiment_label = 'negative') / sum(mentions)) AS negative_share FROM mentions_1m WHERE ${where}` }],
    },
    {
      title: 'Volume by brand',
      description: 'Mentions per interval, one line per brand.',
      kind: 'timeseries', w: 12, h: 8,
      queries: [{ format: 'timeseries', sql: `SELECT ${bucket} AS time, brand, sum(mentions) AS mentions
FROM mentions_1m WHERE ${where} GROUP BY time, brand ORDER BY time` }],
    },
    {
      title: 'Sentiment mix',
      description: 'Mentions per interval by sentiment label, stacked.',
      kind: 'timeseries', w: 12, h: 8, stacked: true,
      queries: [{ format: 'timeseries', sql: `SELECT ${bucket} AS time, sentiment_label, sum(mentions) AS mentions
FROM mentions_1m WHERE ${where} GROUP BY time, sentiment_label ORDER BY time` }],
    },
    {
      title: 'Net sentiment over time',
      description: 'Net sentiment ((positive − negative) / all) and mean sentiment score per interval.',
      kind: 'timeseries', w: 12, h: 8, min: -1, max: 1,
      queries: [{ format: 'timeseries', sql: `SELECT ${bucket} AS time,
  (sumIf(mentions, sentiment_label = 'positive') - sumIf(mentions, sentiment_label = 'negative')) / sum(mentions) AS net_sentiment,
  sum(sentiment_sum) / sum(mentions) AS mean_score
FROM mentions_1m WHERE ${where} GROUP BY time ORDER BY time` }],
    },
    {
      title: 'Share of voice over time',
      description: "Each selected brand's mentions / all brands' mentions per interval (competitors are brands too).",
      kind: 'timeseries', w: 12, h: 8, unit: 'percentunit', stacked: true, min: 0, max: 1,
      queries: [{ format: 'timeseries', sql: `SELECT time, brand, volume / total AS share FROM (
  SELECT ${bucket} AS time, brand, sum(mentions) AS volume, sum(sum(mentions)) OVER (PARTITION BY time) AS total
  FROM mentions_1m WHERE $__timeFilter(minute) AND brand != '' AND ${sourceIn()} AND ${languageIn()}
  GROUP BY time, brand
) WHERE $__conditionalAll(brand IN (\${brand:singlequote}), $brand) ORDER BY time` }],
    },
    {
      title: 'Share of voice',
      description: "Brands' mentions in the range against each other.",
      kind: 'piechart', w: 8, h: 8,
      queries: [{ format: 'table', sql: `SELECT brand, sum(mentions) AS mentions
FROM mentions_1m WHERE $__timeFilter(minute) AND brand != '' AND ${sourceIn()} AND ${languageIn()}
GROUP BY brand ORDER BY mentions DESC` }],
    },
    {
      title: 'By source',
      description: 'Mentions per source in the range.',
      kind: 'bargauge', w: 8, h: 8,
      queries: [{ format: 'table', sql: `SELECT source, sum(mentions) AS mentions FROM mentions_1m WHERE ${where} GROUP BY source ORDER BY mentions DESC` }],
    },
    {
      title: 'By language',
      description: 'Mentions per detected language in the range.',
      kind: 'bargauge', w: 8, h: 8,
      queries: [{ format: 'table', sql: `SELECT language, sum(mentions) AS mentions FROM mentions_1m WHERE ${where} GROUP BY language ORDER BY mentions DESC LIMIT 20` }],
    },
    {
      title: 'By country (where known)',
      description: 'Mentions per country, for mentions whose source reports one.',
      kind: 'table', w: 8, h: 8,
      columns: ['country', 'volume', 'net_sentiment'],
      queries: [{ format: 'table', sql: `SELECT country, sum(mentions) AS volume,
  round((sumIf(mentions, sentiment_label = 'positive') - sumIf(mentions, sentiment_label = 'negative')) / sum(mentions), 3) AS net_sentiment
FROM mentions_1m WHERE ${where} AND country != '' GROUP BY country ORDER BY volume DESC LIMIT 50` }],
    },
    {
      title: 'Top mentions by reach',
      description: 'The 50 widest-reaching mentions in the range. Raw mentions, time-filtered on the sort key; keys are picked first from narrow columns, then only those rows are read through the primary key.',
      kind: 'table', w: 16, h: 10,
      columns: ['time', 'source', 'brand_names', 'author', 'sentiment', 'reach', 'text', 'url'],
      queries: [{ format: 'table', sql: `SELECT published_at AS time, source, arrayStringConcat(brands, ', ') AS brand_names, author_name AS author,
  sentiment_label AS sentiment, reach, substring(text, 1, 280) AS text, url
FROM mentions WHERE $__timeFilter(published_at)
  AND (toDate(published_at), id) IN (SELECT toDate(published_at), id FROM mentions WHERE $__timeFilter(published_at) AND ${rawFilter} ORDER BY reach DESC LIMIT 100)
ORDER BY reach DESC LIMIT 1 BY id LIMIT 50` }],
    },
  ],
};
