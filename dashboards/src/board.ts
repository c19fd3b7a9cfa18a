/**
 * A small typed builder for Grafana dashboard JSON. The boards are written in
 * TypeScript so every panel shares one datasource reference, one set of
 * template variables and one layout rule; `generate.ts` writes the JSON that
 * Grafana provisions, and a test checks the committed JSON is up to date.
 */

/** Fixed uid of the provisioned ClickHouse datasource; every panel and variable points at it. */
export const DATASOURCE_UID = 'earshot-clickhouse';
export const DATASOURCE_TYPE = 'grafana-clickhouse-datasource';
export const DATASOURCE = { type: DATASOURCE_TYPE, uid: DATASOURCE_UID } as const;

/** grafana-clickhouse-datasource v4 query formats (its `Format` enum). */
const FORMAT = { timeseries: 0, table: 1 } as const;

export type PanelKind = 'timeseries' | 'table' | 'stat' | 'barchart' | 'piechart' | 'bargauge';

export interface QuerySpec {
  /** Raw SQL with plugin macros and template variables. */
  sql: string;
  /** How the plugin shapes the result; time series must return `time` first, sorted ascending. */
  format: 'timeseries' | 'table';
}

export interface PanelSpec {
  title: string;
  description: string;
  kind: PanelKind;
  /** One query per target (refId A, B, …). */
  queries: QuerySpec[];
  /** Grid width (of 24) and height; the layout packs panels left to right. */
  w: number;
  h: number;
  /** Unit shown by Grafana, e.g. `short`, `percentunit`, `s`. */
  unit?: string;
  /** Table columns in display order; the test asserts the query returns exactly these. */
  columns?: string[];
  /** Minimum grouping interval; panels on mentions_1m never group finer than a minute. Default `1m`. */
  minInterval?: string;
  stacked?: boolean;
  min?: number;
  max?: number;
}

export interface AnnotationSpec {
  name: string;
  sql: string;
  iconColor: string;
}

export interface VariableSpec {
  name: string;
  label: string;
  sql: string;
}

export interface BoardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  /** Default time range, e.g. `now-7d`. */
  from: string;
  refresh: string;
  variables: VariableSpec[];
  annotations?: AnnotationSpec[];
  panels: PanelSpec[];
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function target(q: QuerySpec, i: number): Json {
  return {
    refId: String.fromCharCode(65 + i),
    datasource: { ...DATASOURCE },
    editorType: 'sql',
    format: FORMAT[q.format],
    queryType: q.format === 'timeseries' ? 'timeseries' : 'table',
    rawSql: q.sql.trim(),
  };
}

function fieldConfig(p: PanelSpec): Json {
  const defaults: { [key: string]: Json } = { unit: p.unit ?? 'short' };
  if (p.min !== undefined) defaults.min = p.min;
  if (p.max !== undefined) defaults.max = p.max;
  if (p.kind === 'timeseries') {
    defaults.custom = {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: p.stacked ? 60 : 10,
      stacking: { mode: p.stacked ? 'normal' : 'none', group: 'A' },
      spanNulls: false,
    };
  }
  return { defaults, overrides: [] };
}

function options(p: PanelSpec): Json {
  switch (p.kind) {
    case 'timeseries':
      return { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } };
    case 'stat':
      return { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'none', textMode: 'auto' };
    case 'table':
      return { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], countRows: false } };
    case 'piechart':
      return { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true }, pieType: 'donut', legend: { displayMode: 'table', placement: 'right', values: ['percent'] } };
    case 'barchart':
      return { orientation: 'horizontal', showValue: 'auto', legend: { displayMode: 'list', placement: 'bottom', showLegend: true } };
    case 'bargauge':
      return { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true }, orientation: 'horizontal', displayMode: 'gradient' };
  }
}

/** The declared table columns become an `organize` transformation, so Grafana shows them in that order. */
function transformations(p: PanelSpec): Json {
  if (!p.columns) return [];
  const indexByName: { [key: string]: Json } = {};
  p.columns.forEach((c, i) => (indexByName[c] = i));
  return [{ id: 'organize', options: { indexByName, excludeByName: {}, renameByName: {} } }];
}

function variable(v: VariableSpec): Json {
  return {
    name: v.name,
    label: v.label,
    type: 'query',
    datasource: { ...DATASOURCE },
    query: v.sql.trim(),
    definition: v.sql.trim(),
    refresh: 2,
    multi: true,
    includeAll: true,
    current: { selected: true, text: ['All'], value: ['$__all'] },
    sort: 1,
    hide: 0,
    options: [],
  };
}

/** Builds the dashboard JSON Grafana provisions. Deterministic: same spec, same bytes. */
export function buildBoard(spec: BoardSpec): { [key: string]: Json } {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels: Json[] = spec.panels.map((p, i) => {
    if (x + p.w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w: p.w, h: p.h };
    x += p.w;
    rowHeight = Math.max(rowHeight, p.h);
    return {
      id: i + 1,
      type: p.kind,
      title: p.title,
      description: p.description,
      gridPos,
      datasource: { ...DATASOURCE },
      interval: p.minInterval ?? '1m',
      targets: p.queries.map(target),
      fieldConfig: fieldConfig(p),
      options: options(p),
      transformations: transformations(p),
    };
  });
  const annotations: Json[] = [
    {
      builtIn: 1,
      datasource: { type: 'grafana', uid: '-- Grafana --' },
      enable: true,
      hide: true,
      iconColor: 'rgba(0, 211, 255, 1)',
      name: 'Annotations & Alerts',
      type: 'dashboard',
    },
    ...(spec.annotations ?? []).map((a) => ({
      name: a.name,
      enable: true,
      iconColor: a.iconColor,
      datasource: { ...DATASOURCE },
      target: { refId: 'annotation', editorType: 'sql', format: 1, queryType: 'table', rawSql: a.sql.trim() },
    })),
  ];
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: spec.tags,
    timezone: 'utc',
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: spec.refresh,
    time: { from: spec.from, to: 'now' },
    timepicker: {},
    annotations: { list: annotations },
    templating: { list: spec.variables.map(variable) },
    panels,
    links: [{ title: 'earshot boards', type: 'dashboards', tags: ['earshot'], asDropdown: true, includeVars: true, keepTime: true }],
  };
}
