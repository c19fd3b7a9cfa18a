import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads the provisioned board JSON (what Grafana actually loads, not the
 * TypeScript that generated it) and lists every query in it.
 */

export interface BoardQuery {
  board: string;
  /** Panel title, `variable <name>` or `annotation <name>`. */
  where: string;
  role: 'panel' | 'variable' | 'annotation';
  /** Panel type (timeseries, table, stat, …); `table` for variables and annotations. */
  kind: string;
  refId: string;
  sql: string;
  format: 'timeseries' | 'table';
  /** Panel minimum interval (e.g. `1m`). */
  minInterval?: string;
  /** Columns a table panel declares through its organize transformation. */
  columns?: string[];
  datasourceUid?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const dsUid = (v: unknown): string | undefined => (isObj(v) ? str(v.uid) : undefined);

export interface LoadedBoard {
  file: string;
  json: Obj;
}

export function loadBoards(dir: string): LoadedBoard[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      if (!isObj(json)) throw new Error(`${file}: not a JSON object`);
      return { file, json };
    });
}

function declaredColumns(panel: Obj): string[] | undefined {
  for (const t of arr(panel.transformations)) {
    if (isObj(t) && t.id === 'organize' && isObj(t.options) && isObj(t.options.indexByName)) {
      const index = t.options.indexByName;
      return Object.keys(index).sort((a, b) => Number(index[a]) - Number(index[b]));
    }
  }
  return undefined;
}

export function boardQueries(board: LoadedBoard): BoardQuery[] {
  const out: BoardQuery[] = [];
  const name = board.file;
  const templating = isObj(board.json.templating) ? board.json.templating : {};
  for (const v of arr(templating.list)) {
    if (!isObj(v) || v.type !== 'query') continue;
    const sql = isObj(v.query) ? str(v.query.rawSql) : str(v.query);
    out.push({ board: name, where: `variable ${str(v.name)}`, role: 'variable', kind: 'table', refId: 'A', sql: sql ?? '', format: 'table', datasourceUid: dsUid(v.datasource) });
  }
  const annotations = isObj(board.json.annotations) ? board.json.annotations : {};
  for (const a of arr(annotations.list)) {
    if (!isObj(a) || a.builtIn === 1) continue;
    const t = isObj(a.target) ? a.target : {};
    out.push({ board: name, where: `annotation ${str(a.name)}`, role: 'annotation', kind: 'table', refId: 'annotation', sql: str(t.rawSql) ?? '', format: 'table', datasourceUid: dsUid(a.datasource) });
  }
  for (const p of arr(board.json.panels)) {
    if (!isObj(p)) continue;
    for (const t of arr(p.targets)) {
      if (!isObj(t)) continue;
      const columns = declaredColumns(p);
      out.push({
        board: name,
        where: str(p.title) ?? '(untitled)',
        role: 'panel',
        kind: str(p.type) ?? '',
        refId: str(t.refId) ?? '',
        sql: str(t.rawSql) ?? '',
        format: t.format === 0 ? 'timeseries' : 'table',
        ...(str(p.interval) ? { minInterval: str(p.interval) } : {}),
        ...(columns ? { columns } : {}),
        datasourceUid: dsUid(t.datasource) ?? dsUid(p.datasource),
      });
    }
  }
  return out;
}
