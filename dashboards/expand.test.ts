import { describe, expect, it } from 'vitest';
import { applyConditionalAll, expandQuery, panelInterval, replaceVariables, type ExpandContext } from './src/expand.ts';

// The plugin README's own examples (grafana-clickhouse-datasource, "Macros" table).
const FROM = 1415792726123;
const TO = 1447328726456;
const ctx = (over: Partial<ExpandContext> = {}): ExpandContext => ({
  fromMs: FROM,
  toMs: TO,
  intervalMs: 20_000,
  variables: {
    brand: { options: ['Acme', "Ben & Jerry's", 'Globex'], current: 'all' },
    source: { options: ['reddit', 'x'], current: ['reddit'] },
  },
  ...over,
});

describe('plugin macros (backend)', () => {
  it.each([
    ['$__timeFilter(time)', 'time >= toDateTime(1415792726) AND time <= toDateTime(1447328726)'],
    ['$__timeFilter_ms(time)', 'time >= fromUnixTimestamp64Milli(1415792726123) AND time <= fromUnixTimestamp64Milli(1447328726456)'],
    ['$__dateFilter(date)', "date >= toDate('2014-11-12') AND date <= toDate('2015-11-12')"],
    ['$__dateTimeFilter(d, t)', "(d >= toDate('2014-11-12') AND d <= toDate('2015-11-12')) AND (t >= toDateTime(1415792726) AND t <= toDateTime(1447328726))"],
    ['$__fromTime', 'toDateTime(1415792726)'],
    ['$__toTime', 'toDateTime(1447328726)'],
    ['$__fromTime_ms', 'fromUnixTimestamp64Milli(1415792726123)'],
    ['$__toTime_ms', 'fromUnixTimestamp64Milli(1447328726456)'],
    ['$__interval_s', '20'],
    ['$__timeInterval(column)', 'toStartOfInterval(toDateTime(column), INTERVAL 20 second)'],
    ['$__timeInterval_ms(column)', 'toStartOfInterval(toDateTime64(column, 3), INTERVAL 20000 millisecond)'],
    ['$__toTime - INTERVAL 6 HOUR', 'toDateTime(1447328726) - INTERVAL 6 HOUR'],
  ])('%s', (sql, expected) => {
    expect(expandQuery(sql, ctx())).toBe(expected);
  });

  it('never emits an interval below one second', () => {
    expect(expandQuery('$__interval_s', ctx({ intervalMs: 10 }))).toBe('1');
  });

  it('rejects macros it does not model, and wrong argument counts', () => {
    expect(() => expandQuery('$__timeGroup(t, 1h)', ctx())).toThrow(/unsupported macro \$__timeGroup/);
    expect(() => expandQuery('$__timeFilter(a, b)', ctx())).toThrow(/expected 1 argument/);
    expect(() => expandQuery('$__timeFilter(a', ctx())).toThrow(/unbalanced/);
  });
});

describe('$__conditionalAll (plugin frontend)', () => {
  const vars = ctx().variables;
  it('is 1=1 when All is selected, the condition otherwise', () => {
    expect(applyConditionalAll('WHERE $__conditionalAll(brand IN ($brand), $brand)', vars)).toBe('WHERE 1=1');
    expect(applyConditionalAll('WHERE $__conditionalAll(source IN ($source), $source)', vars)).toBe('WHERE source IN ($source)');
  });

  it('is 1=1 for an empty selection, accepts ${var}, and handles several and nested calls', () => {
    const v = { ...vars, source: { options: ['x'], current: [] } };
    expect(applyConditionalAll('$__conditionalAll(f(a, b) = 1, ${source})', v)).toBe('1=1');
    expect(applyConditionalAll('$__conditionalAll(hasAny(b, [$brand]), $brand) AND $__conditionalAll(s IN ($source), $source)', vars)).toBe(
      '1=1 AND s IN ($source)',
    );
  });

  it('names the problem when the variable is unknown or the arguments are wrong', () => {
    expect(() => applyConditionalAll('$__conditionalAll(a = 1, $nope)', vars)).toThrow(/unknown variable \$nope/);
    expect(() => applyConditionalAll('$__conditionalAll(a = 1)', vars)).toThrow(/needs \(condition, \$variable\)/);
  });
});

describe('template variables (Grafana formats)', () => {
  const vars = {
    brand: { options: ['Acme', "Ben & Jerry's"], current: 'all' as const },
    one: { options: ['a', 'b'], current: ["O'Brien"] },
  };
  it.each([
    ['${brand:singlequote}', "'Acme','Ben & Jerry\\'s'"],
    ['${brand:sqlstring}', "'Acme','Ben & Jerry''s'"],
    ['${brand:doublequote}', '"Acme","Ben & Jerry\'s"'],
    ['${brand:csv}', "Acme,Ben & Jerry's"],
    ['${brand:raw}', "Acme,Ben & Jerry's"],
    ['$brand', "'Acme','Ben & Jerry's'"], // the plugin's own formatter does not escape: boards never use it
    ['[[brand]]', "'Acme','Ben & Jerry's'"],
    ['${one:singlequote}', "'O\\'Brien'"],
    ['$__timeFilter(x) $__interval_s', '$__timeFilter(x) $__interval_s'],
  ])('%s', (sql, expected) => {
    expect(replaceVariables(sql, vars)).toBe(expected);
  });

  it('rejects unknown variables and formats', () => {
    expect(() => replaceVariables('$nope', vars)).toThrow(/unknown template variable \$nope/);
    expect(() => replaceVariables('${brand:percentencode}', vars)).toThrow(/unsupported variable format percentencode/);
  });
});

describe('panel interval', () => {
  const day = 86_400_000;
  it('rounds range / max data points like Grafana and honours the panel minimum', () => {
    expect(panelInterval(0, 30 * day, '1m')).toBe(30 * 60_000);
    expect(panelInterval(0, 6 * 3_600_000, '1m')).toBe(60_000); // 21.6 s rounds to 20 s, floored by 1m
    expect(panelInterval(0, 7 * day, '1d')).toBe(day);
    expect(() => panelInterval(0, day, 'soon')).toThrow(/not a Grafana duration/);
  });
});
