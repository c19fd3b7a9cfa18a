import type { BoardSpec } from '../board.ts';
import { aggFilter, rawFilter, VARIABLES } from '../filters.ts';
import { careItems, itemFilter } from './care.ts';

const where = `$__timeFilter(minute) AND ${aggFilter}`;
const leadItems = `${itemFilter} AND intent = 'lead' AND created_at >= $__fromTime AND created_at <= $__toTime`;

/** Sales' board: buying signals found, handed over, and answered. */
export const leads: BoardSpec = {
  uid: 'earshot-leads',
  title: 'earshot · Leads',
  description: 'Leads found per day and source (mentions_1m.leads), handed to sales and response rate (care events).',
  tags: ['earshot', 'sales'],
  from: 'now-30d',
  refresh: '5m',
  variables: VARIABLES,
  panels: [
    {
      title: 'Leads found',
      description: 'Mentions classified lead in the range.',
      kind: 'stat', w: 8, h: 4,
      queries: [{ format: 'table', sql: `SELECT sum(leads) AS leads FROM mentions_1m WHERE ${where}` }],
    },
    {
      title: 'Handed to sales',
      description: 'handed_to_sales care events in the range.',
      kind: 'stat', w: 8, h: 4,
      queries: [{ format: 'table', sql: `${careItems()}
SELECT countIf(handed) AS handed_to_sales FROM items WHERE ${itemFilter} AND created_at <= $__toTime
  AND entity_id IN (SELECT entity_id FROM events WHERE kind = 'care' AND type = 'handed_to_sales' AND $__timeFilter(at))` }],
    },
    {
      title: 'Lead response rate',
      description: 'Lead care items created in the range that got a response.',
      kind: 'stat', w: 8, h: 4, unit: 'percentunit',
      queries: [{ format: 'table', sql: `${careItems()}
SELECT if(count() = 0, 0, countIf(has_response) / count()) AS response_rate FROM items WHERE ${leadItems}` }],
    },
    {
      title: 'Leads per day by source',
      description: 'Mentions classified lead, per day and source.',
      kind: 'timeseries', w: 12, h: 8, minInterval: '1d', stacked: true,
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(minute) AS time, source, sum(leads) AS leads
FROM mentions_1m WHERE ${where} GROUP BY time, source ORDER BY time` }],
    },
    {
      title: 'Handed to sales per day',
      description: 'handed_to_sales care events per day.',
      kind: 'timeseries', w: 12, h: 8, minInterval: '1d',
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(at) AS time, count() AS handed_to_sales
FROM events WHERE kind = 'care' AND type = 'handed_to_sales' AND $__timeFilter(at) AND $__conditionalAll(brand IN (\${brand:singlequote}), $brand)
GROUP BY time ORDER BY time` }],
    },
    {
      title: 'Response rate by source',
      description: 'Lead care items created in the range, responded and handed to sales, by source.',
      kind: 'table', w: 10, h: 9,
      columns: ['source', 'lead_items', 'responded', 'response_rate', 'handed_to_sales'],
      queries: [{ format: 'table', sql: `${careItems()}
SELECT source, count() AS lead_items, countIf(has_response) AS responded,
  round(countIf(has_response) / count(), 3) AS response_rate, countIf(handed) AS handed_to_sales
FROM items WHERE ${leadItems} GROUP BY source ORDER BY lead_items DESC` }],
    },
    {
      title: 'Latest lead mentions',
      description: 'The 50 latest mentions classified lead (raw mentions, time-filtered on the sort key).',
      kind: 'table', w: 14, h: 9,
      columns: ['time', 'source', 'brand_names', 'author', 'reach', 'text', 'url'],
      queries: [{ format: 'table', sql: `SELECT published_at AS time, source, arrayStringConcat(brands, ', ') AS brand_names, author_name AS author, reach,
  substring(text, 1, 280) AS text, url
FROM mentions WHERE $__timeFilter(published_at)
  AND (toDate(published_at), id) IN (SELECT toDate(published_at), id FROM mentions WHERE $__timeFilter(published_at) AND has(intents, 'lead') AND ${rawFilter} ORDER BY published_at DESC LIMIT 100)
ORDER BY published_at DESC LIMIT 1 BY id LIMIT 50` }],
    },
  ],
};
