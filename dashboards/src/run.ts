import type { Store } from '../../core/store/clickhouse.ts';
import { expandQuery, panelInterval, type ExpandContext, type VariableState } from './expand.ts';
import type { BoardQuery, LoadedBoard } from './load.ts';
import { boardQueries } from './load.ts';

/** Runs board queries exactly as expanded for Grafana and checks their shape. Shared by the test and the benchmark. */

export interface ColumnMeta {
  name: string;
  type: string;
}

export interface QueryResult {
  meta: ColumnMeta[];
  data: Array<Record<string, unknown>>;
}

export async function runSql(store: Store, sql: string): Promise<QueryResult> {
  const rs = await store.client.query({ query: sql, format: 'JSON' });
  const body = await rs.json<Record<string, unknown>>();
  return { meta: (body as unknown as QueryResult).meta, data: (body as unknown as QueryResult).data };
}

export interface Range {
  fromMs: number;
  toMs: number;
}

/** Selections per variable name; unnamed variables are All. */
export type Selection = Record<string, string[] | 'all'>;

/** Resolves a board's variables the way Grafana does on load: run each variable's query, then apply the selection. */
export async function resolveVariables(store: Store, board: LoadedBoard, range: Range, selection: Selection): Promise<Record<string, VariableState>> {
  const variables: Record<string, VariableState> = {};
  for (const q of boardQueries(board).filter((x) => x.role === 'variable')) {
    const name = q.where.replace(/^variable /, '');
    const sql = expandQuery(q.sql, { ...range, intervalMs: 60_000, variables });
    const result = await runSql(store, sql);
    const column = result.meta[0]?.name ?? '';
    const options = result.data.map((row) => String(row[column]));
    variables[name] = { options, current: selection[name] ?? 'all' };
  }
  return variables;
}

export function contextFor(q: BoardQuery, range: Range, variables: Record<string, VariableState>): ExpandContext {
  return { ...range, intervalMs: panelInterval(range.fromMs, range.toMs, q.minInterval), variables };
}

const NUMERIC = /^(Nullable\()?(U?Int\d+|Float\d+|Decimal)/;
const DATETIME = /^(Nullable\()?DateTime/;
const STRINGY = /^(Nullable\()?(LowCardinality\()?(Nullable\()?(String|FixedString)/;

export const isNumeric = (t: string): boolean => NUMERIC.test(t);
export const isDateTime = (t: string): boolean => DATETIME.test(t);
export const isString = (t: string): boolean => STRINGY.test(t);

/** What the panel's visualisation needs from the result; empty when it fits. */
export function shapeProblems(q: BoardQuery, r: QueryResult): string[] {
  const problems: string[] = [];
  const cols = r.meta;
  const names = cols.map((c) => c.name);
  const describe = cols.map((c) => `${c.name}:${c.type}`).join(', ');
  if (q.role === 'variable') {
    if (cols.length !== 1 || !isString(cols[0]?.type ?? '')) problems.push(`a variable query returns one string column, got ${describe}`);
    return problems;
  }
  if (q.role === 'annotation') {
    const byName = new Map(cols.map((c) => [c.name, c.type]));
    if (!isDateTime(byName.get('time') ?? '')) problems.push(`an annotation needs a DateTime column "time", got ${describe}`);
    if (!byName.has('text') && !byName.has('title')) problems.push('an annotation needs a "text" or "title" column');
    return problems;
  }
  if (q.format === 'timeseries') {
    if (names[0] !== 'time' || !isDateTime(cols[0]?.type ?? '')) problems.push(`a time series starts with a DateTime column "time", got ${describe}`);
    if (!cols.slice(1).some((c) => isNumeric(c.type))) problems.push(`a time series needs a numeric value column, got ${describe}`);
    const bad = cols.slice(1).filter((c) => !isNumeric(c.type) && !isString(c.type));
    if (bad.length) problems.push(`time series columns must be numbers or string labels: ${bad.map((c) => c.name).join(', ')}`);
    const times = r.data.map((row) => String(row.time));
    for (let i = 1; i < times.length; i++) {
      if ((times[i] ?? '') < (times[i - 1] ?? '')) {
        problems.push('a long-format time series must be sorted by time ascending');
        break;
      }
    }
    return problems;
  }
  switch (q.kind) {
    case 'stat':
      if (r.data.length !== 1) problems.push(`a stat returns one row, got ${r.data.length}`);
      if (cols.length === 0 || !cols.every((c) => isNumeric(c.type))) problems.push(`a stat returns numeric columns only, got ${describe}`);
      break;
    case 'table':
      if (!q.columns) problems.push('a table panel declares its columns (organize transformation)');
      else if (names.join(',') !== q.columns.join(',')) problems.push(`table columns ${names.join(',')} != declared ${q.columns.join(',')}`);
      break;
    case 'bargauge':
    case 'piechart':
    case 'barchart':
      if (cols.length < 2 || !isString(cols[0]?.type ?? '') || !cols.slice(1).every((c) => isNumeric(c.type)))
        problems.push(`a ${q.kind} returns a string category then numbers, got ${describe}`);
      break;
    default:
      problems.push(`unknown panel type ${q.kind}`);
  }
  return problems;
}
