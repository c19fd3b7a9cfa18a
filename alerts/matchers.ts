import type { Matcher } from './service.ts';

/**
 * Alertmanager-style label matchers: `name="value"`, `name!="value"`,
 * `name=~"regex"`, `name!~"regex"`. Regexes are anchored, as in Alertmanager.
 */
const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^"\s]*))\s*$/;

export function parseMatcher(text: string): Matcher {
  const m = MATCHER.exec(text);
  if (!m) throw new Error(`"${text}" is not a matcher; write e.g. severity=~"critical|crisis" or brand="Acme"`);
  const op = m[2] as Matcher['op'];
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? '');
  const matcher: Matcher = { name: m[1] ?? '', op, value };
  if (op === '=~' || op === '!~') compile(matcher);
  return matcher;
}

const cache = new Map<string, RegExp>();
function compile(m: Matcher): RegExp {
  let re = cache.get(m.value);
  if (!re) {
    try {
      re = new RegExp(`^(?:${m.value})$`);
    } catch (err) {
      throw new Error(`"${m.value}" is not a valid regular expression: ${(err as Error).message}`, { cause: err });
    }
    cache.set(m.value, re);
  }
  return re;
}

export function matches(m: Matcher, labels: Readonly<Record<string, string>>): boolean {
  const v = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return compile(m).test(v);
    case '!~':
      return !compile(m).test(v);
  }
}

export function matchAll(ms: readonly Matcher[], labels: Readonly<Record<string, string>>): boolean {
  return ms.every((m) => matches(m, labels));
}

export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}
