/**
 * Expands a panel's SQL the way Grafana and grafana-clickhouse-datasource (v4)
 * do before the query reaches ClickHouse, so tests and the benchmark run the
 * exact text a dashboard would send:
 *
 * 1. the plugin's frontend resolves `$__conditionalAll(condition, $var)`:
 *    the condition, or `1=1` when the variable's value is All (`$__all`) or empty;
 * 2. Grafana's template service replaces `$var`, `${var}`, `[[var]]` and
 *    `${var:format}` (singlequote, doublequote, sqlstring, csv, raw); without a
 *    format the plugin quotes arrays as `'a','b'` and leaves a single string bare;
 *    All without a custom all-value expands to every option;
 * 3. the plugin's backend expands the time macros: `$__timeFilter(col)`,
 *    `$__timeFilter_ms(col)`, `$__dateFilter(col)`, `$__dateTimeFilter(d, t)` / `$__dt`,
 *    `$__fromTime`, `$__toTime`, `$__fromTime_ms`, `$__toTime_ms`, `$__interval_s`,
 *    `$__timeInterval(col)`, `$__timeInterval_ms(col)`.
 *
 * Anything else starting with `$__` throws: a macro we do not model is a macro
 * the test cannot vouch for.
 */

export interface VariableState {
  /** The variable's options, as its query returned them. */
  options: string[];
  /** Selected values, or 'all'. */
  current: string[] | 'all';
}

export interface ExpandContext {
  fromMs: number;
  toMs: number;
  /** The panel's interval (Grafana's `$__interval`), in milliseconds. */
  intervalMs: number;
  variables: Record<string, VariableState>;
}

export function expandQuery(sql: string, ctx: ExpandContext): string {
  return applyMacros(replaceVariables(applyConditionalAll(sql, ctx.variables), ctx.variables), ctx);
}

/** The arguments of a call whose `(` is at `open`; top-level commas split them. Null when unbalanced. */
export function macroArgs(text: string, open: number): { args: string[]; end: number } | null {
  let depth = 0;
  let start = open + 1;
  const args: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i));
        return { args, end: i + 1 };
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return null;
}

/** Mirrors the plugin's `applyConditionalAll`: innermost-last, by the variable named in the second argument. */
export function applyConditionalAll(sql: string, variables: Record<string, VariableState>): string {
  const macro = '$__conditionalAll(';
  let out = sql;
  let index = out.lastIndexOf(macro);
  while (index !== -1) {
    const parsed = macroArgs(out, index + macro.length - 1);
    if (!parsed || parsed.args.length !== 2) throw new Error(`$__conditionalAll needs (condition, $variable): ${out.slice(index, index + 80)}`);
    const [condition = '', varArg = ''] = parsed.args;
    const name = /(?<=\$\{)\w+(?=\})|(?<=\$)\w+/.exec(varArg.trim())?.[0];
    const state = name ? variables[name] : undefined;
    if (!state) throw new Error(`$__conditionalAll refers to unknown variable ${varArg.trim()}`);
    const value = state.current === 'all' ? '$__all' : state.current.join(',');
    const phrase = value === '' || value === '$__all' ? '1=1' : condition;
    out = out.slice(0, index) + phrase + out.slice(parsed.end);
    index = out.lastIndexOf(macro);
  }
  return out;
}

type Formatter = (values: string[]) => string;

const FORMATS: Record<string, Formatter> = {
  singlequote: (v) => v.map((s) => `'${s.replace(/'/g, "\\'")}'`).join(','),
  doublequote: (v) => v.map((s) => `"${s.replace(/"/g, '\\"')}"`).join(','),
  sqlstring: (v) => v.map((s) => `'${s.replace(/'/g, "''")}'`).join(','),
  csv: (v) => v.join(','),
  raw: (v) => v.join(','),
};

/** The plugin's own formatter, used when a reference names no format (multi-value variables are arrays). */
const pluginDefault: Formatter = (v) => `'${v.join("','")}'`;

/** Grafana's variable reference syntax. */
const VARIABLE_RE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

export function replaceVariables(sql: string, variables: Record<string, VariableState>): string {
  return sql.replace(VARIABLE_RE, (match: string, bare?: string, old?: string, oldFormat?: string, braced?: string, _path?: string, format?: string) => {
    const name = bare ?? old ?? braced ?? '';
    const state = variables[name];
    if (!state) {
      if (name.startsWith('__')) return match; // a datasource macro, expanded by the backend
      throw new Error(`unknown template variable $${name}`);
    }
    const values = state.current === 'all' ? state.options : state.current;
    const fmt = format ?? oldFormat;
    if (fmt === undefined) return pluginDefault(values);
    const formatter = FORMATS[fmt];
    if (!formatter) throw new Error(`unsupported variable format ${fmt} in ${match}`);
    return formatter(values);
  });
}

const dateTime = (ms: number) => `toDateTime(${Math.floor(ms / 1000)})`;
const dateTime64 = (ms: number) => `fromUnixTimestamp64Milli(${Math.trunc(ms)})`;
const date = (ms: number) => `toDate('${new Date(ms).toISOString().slice(0, 10)}')`;

type Macro = (args: string[], ctx: ExpandContext) => string;

function arity(n: number, fn: Macro): Macro {
  return (args, ctx) => {
    if (args.length !== n) throw new Error(`expected ${n} argument(s), received ${args.length}`);
    return fn(args, ctx);
  };
}

const seconds = (ctx: ExpandContext) => Math.max(Math.floor(ctx.intervalMs / 1000), 1);

const MACROS: Record<string, Macro> = {
  fromTime: (_a, c) => dateTime(c.fromMs),
  toTime: (_a, c) => dateTime(c.toMs),
  fromTime_ms: (_a, c) => dateTime64(c.fromMs),
  toTime_ms: (_a, c) => dateTime64(c.toMs),
  timeFilter: arity(1, ([col], c) => `${col} >= ${dateTime(c.fromMs)} AND ${col} <= ${dateTime(c.toMs)}`),
  timeFilter_ms: arity(1, ([col], c) => `${col} >= ${dateTime64(c.fromMs)} AND ${col} <= ${dateTime64(c.toMs)}`),
  dateFilter: arity(1, ([col], c) => `${col} >= ${date(c.fromMs)} AND ${col} <= ${date(c.toMs)}`),
  dateTimeFilter: arity(2, ([d, t], c) => `(${d} >= ${date(c.fromMs)} AND ${d} <= ${date(c.toMs)}) AND (${t} >= ${dateTime(c.fromMs)} AND ${t} <= ${dateTime(c.toMs)})`),
  timeInterval: arity(1, ([col], c) => `toStartOfInterval(toDateTime(${col}), INTERVAL ${seconds(c)} second)`),
  timeInterval_ms: arity(1, ([col], c) => `toStartOfInterval(toDateTime64(${col}, 3), INTERVAL ${Math.max(Math.floor(c.intervalMs), 1)} millisecond)`),
  interval_s: (_a, c) => String(seconds(c)),
};
MACROS.dt = MACROS.dateTimeFilter!;

/** The backend's pass: `$__name` or `$__name(args)`, arguments trimmed. */
export function applyMacros(sql: string, ctx: ExpandContext): string {
  let out = '';
  let i = 0;
  const re = /\$__(\w+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sql)) !== null) {
    const name = m[1] ?? '';
    const macro = MACROS[name];
    if (!macro) throw new Error(`unsupported macro $__${name}`);
    let end = m.index + m[0].length;
    let args: string[] = [];
    if (sql[end] === '(') {
      const parsed = macroArgs(sql, end);
      if (!parsed) throw new Error(`unbalanced parentheses after $__${name}`);
      args = parsed.args.map((a) => a.trim()).filter((a, idx, all) => !(all.length === 1 && a === '' && idx === 0));
      end = parsed.end;
    }
    let expansion: string;
    try {
      expansion = macro(args, ctx);
    } catch (err) {
      throw new Error(`$__${name}: ${(err as Error).message}`);
    }
    out += sql.slice(i, m.index) + expansion;
    i = end;
    re.lastIndex = end;
  }
  return out + sql.slice(i);
}

/** Grafana's rounding of range / max data points to a readable interval (rangeutil.roundInterval). */
const STEPS: Array<[number, number]> = [
  [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500], [1500, 1000], [3500, 2000], [7500, 5000],
  [12500, 10000], [17500, 15000], [25000, 20000], [45000, 30000], [90000, 60000], [210000, 120000], [450000, 300000],
  [750000, 600000], [1050000, 900000], [1500000, 1200000], [2700000, 1800000], [5400000, 3600000], [9000000, 7200000],
  [16200000, 10800000], [32400000, 21600000], [86400000, 43200000], [604800000, 86400000], [1814400000, 604800000],
  [3628800000, 2592000000],
];

export function roundInterval(ms: number): number {
  for (const [limit, step] of STEPS) if (ms < limit) return step;
  return 31536000000;
}

/** A panel's interval: the range over `maxDataPoints`, rounded, never below the panel's minimum (e.g. `1m`, `1d`). */
export function panelInterval(fromMs: number, toMs: number, minInterval: string | undefined, maxDataPoints = 1000): number {
  const auto = roundInterval((toMs - fromMs) / maxDataPoints);
  return Math.max(auto, minInterval ? parseGrafanaDuration(minInterval) : 0);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseGrafanaDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) throw new Error(`interval "${text}" is not a Grafana duration like 1m or 1d`);
  return Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000);
}
