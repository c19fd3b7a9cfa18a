import type { BoardSpec } from '../board.ts';
import { brandIn, sourceIn, VARIABLES } from '../filters.ts';

/**
 * One row per care item, folded from its events (the care queue writes every
 * transition to `events`, kind 'care'). The item's source, channel and intent
 * come from its `created` event's data. Items created up to 30 days before the
 * range are folded too, so a backlog from last month still counts as open.
 * The JSON is parsed inside `if(type = 'created', …)` so ClickHouse's
 * short-circuit evaluation parses only created events, not every transition.
 */
export function careItems(): string {
  return `WITH items AS (
  SELECT entity_id,
    any(brand) AS brand,
    countIf(type = 'created') > 0 AS has_created,
    minIf(at, type = 'created') AS created_at,
    countIf(type = 'responded') > 0 AS has_response,
    minIf(at, type = 'responded') AS responded_at,
    anyIf(if(type = 'created', JSONExtractString(data, 'source'), ''), type = 'created') AS source,
    anyIf(if(type = 'created', JSONExtractString(data, 'channel'), ''), type = 'created') AS channel,
    anyIf(if(type = 'created', JSONExtractString(data, 'intent'), ''), type = 'created') AS intent,
    countIf(type = 'sla_breached' AND $__timeFilter(at)) AS breaches,
    countIf(type = 'handed_to_sales') > 0 AS handed,
    argMax(if(to_state != '', to_state, type), at) AS state
  FROM events
  WHERE kind = 'care' AND at >= $__fromTime - INTERVAL 30 DAY AND at <= $__toTime
  GROUP BY entity_id
)`;
}

/** Items that pass the board's filters (brand and source; care events carry no language). */
export const itemFilter = `has_created AND ${brandIn()} AND ${sourceIn()}`;
const createdInRange = 'created_at >= $__fromTime AND created_at <= $__toTime';
const CLOSED = "('resolved', 'dismissed', 'handed_to_sales')";

/** Care agents' and supervisors' board: the queue, response times, SLA breaches, workload. */
export const careSla: BoardSpec = {
  uid: 'earshot-care-sla',
  title: 'earshot · Care and SLA',
  description: 'Proactive-response queue by state, first-response time, SLA breaches and workload per agent (reads events).',
  tags: ['earshot', 'care'],
  from: 'now-7d',
  refresh: '1m',
  variables: VARIABLES,
  panels: [
    {
      title: 'Open items',
      description: 'Care items whose latest state is not resolved, dismissed or handed to sales.',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `${careItems()}
SELECT count() AS open_items FROM items WHERE ${itemFilter} AND state NOT IN ${CLOSED}` }],
    },
    {
      title: 'SLA breaches (range)',
      description: 'sla_breached events in the range.',
      kind: 'stat', w: 6, h: 4,
      queries: [{ format: 'table', sql: `${careItems()}
SELECT sum(breaches) AS sla_breaches FROM items WHERE ${itemFilter}` }],
    },
    {
      title: 'Median first response',
      description: 'Median of responded − created for items created in the range.',
      kind: 'stat', w: 6, h: 4, unit: 's',
      queries: [{ format: 'table', sql: `${careItems()}
SELECT ifNull(quantileOrNull(0.5)(dateDiff('millisecond', created_at, responded_at) / 1000), 0) AS median_first_response_s
FROM items WHERE ${itemFilter} AND has_response AND ${createdInRange}` }],
    },
    {
      title: 'Answered within SLA',
      description: 'Share of items created in the range that were responded to and never breached their SLA.',
      kind: 'stat', w: 6, h: 4, unit: 'percentunit',
      queries: [{ format: 'table', sql: `${careItems()}
SELECT if(count() = 0, 0, countIf(has_response AND breaches = 0) / count()) AS within_sla
FROM items WHERE ${itemFilter} AND ${createdInRange}` }],
    },
    {
      title: 'Queue by state',
      description: 'Care items by their current state (items seen in the range and the 30 days before).',
      kind: 'bargauge', w: 8, h: 8,
      queries: [{ format: 'table', sql: `${careItems()}
SELECT state, count() AS items FROM items WHERE ${itemFilter} GROUP BY state ORDER BY items DESC` }],
    },
    {
      title: 'Created vs closed',
      description: 'Items entering and leaving the queue per interval.',
      kind: 'timeseries', w: 16, h: 8,
      queries: [{ format: 'timeseries', sql: `SELECT $__timeInterval(at) AS time,
  countIf(type = 'created') AS created, countIf(type IN ${CLOSED}) AS closed
FROM events WHERE kind = 'care' AND $__timeFilter(at) AND ${brandIn()}
GROUP BY time ORDER BY time` }],
    },
    {
      title: 'First-response time percentiles',
      description: 'p50 / p90 / p95 of responded − created, by the interval the item was created in.',
      kind: 'timeseries', w: 12, h: 8, unit: 's', minInterval: '5m',
      queries: [{ format: 'timeseries', sql: `${careItems()}
SELECT $__timeInterval(created_at) AS time,
  quantile(0.5)(dateDiff('millisecond', created_at, responded_at) / 1000) AS p50,
  quantile(0.9)(dateDiff('millisecond', created_at, responded_at) / 1000) AS p90,
  quantile(0.95)(dateDiff('millisecond', created_at, responded_at) / 1000) AS p95
FROM items WHERE ${itemFilter} AND has_response AND ${createdInRange}
GROUP BY time ORDER BY time` }],
    },
    {
      title: 'SLA breaches by channel and intent',
      description: 'sla_breached events in the range, by the channel and intent of their item.',
      kind: 'table', w: 12, h: 8,
      columns: ['channel', 'intent', 'sla_breaches', 'items'],
      queries: [{ format: 'table', sql: `${careItems()}
SELECT channel, intent, sum(breaches) AS sla_breaches, count() AS items
FROM items WHERE ${itemFilter} AND breaches > 0
GROUP BY channel, intent ORDER BY sla_breaches DESC` }],
    },
    {
      title: 'Workload per agent',
      description: 'Care events per acting agent in the range (claimed, responded, resolved, reassigned away).',
      kind: 'table', w: 24, h: 8,
      columns: ['agent', 'claimed', 'responded', 'resolved', 'reassigned'],
      queries: [{ format: 'table', sql: `SELECT actor AS agent, countIf(type = 'claimed') AS claimed, countIf(type = 'responded') AS responded,
  countIf(type = 'resolved') AS resolved, countIf(type = 'reassigned') AS reassigned
FROM events WHERE kind = 'care' AND $__timeFilter(at) AND actor != '' AND ${brandIn()}
GROUP BY agent ORDER BY claimed DESC, responded DESC LIMIT 100` }],
    },
  ],
};
