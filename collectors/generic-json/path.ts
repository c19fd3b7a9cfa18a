/**
 * A small, safe JSON path: `data.items`, `$.data.items`, `items[0].id`,
 * `user["display-name"]`, `a['b.c']`. Only property and index steps; no
 * filters, wildcards or expressions (nothing is evaluated).
 */
export type PathStep = string | number;

const STEP = /\.([A-Za-z_$][\w$-]*)|\[(\d{1,9})\]|\["((?:[^"\\]|\\.)*)"\]|\['((?:[^'\\]|\\.)*)'\]/y;

/** Parses a path; throws an Error with a message meant for config validation. */
export function parsePath(path: string): PathStep[] {
  let p = path.trim();
  if (p === '' || p === '$') return [];
  if (p.startsWith('$')) p = p.slice(1);
  if (!p.startsWith('.') && !p.startsWith('[')) p = `.${p}`;
  const steps: PathStep[] = [];
  let i = 0;
  while (i < p.length) {
    STEP.lastIndex = i;
    const m = STEP.exec(p);
    if (!m) throw new Error(`cannot read "${path}" at "${p.slice(i, i + 20)}"; use dots and brackets, e.g. data.items[0]["user-name"]`);
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push((m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1'));
    i = STEP.lastIndex;
  }
  if (steps.length > 32) throw new Error(`"${path}" is deeper than 32 steps`);
  return steps;
}

/** The value at `steps`, or undefined; never reads inherited properties. */
export function getPath(value: unknown, steps: readonly PathStep[]): unknown {
  let v = value;
  for (const s of steps) {
    if (v === null || typeof v !== 'object') return undefined;
    if (typeof s === 'number') {
      if (!Array.isArray(v)) return undefined;
      v = v[s];
    } else {
      if (Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, s)) return undefined;
      v = (v as Record<string, unknown>)[s];
    }
  }
  return v;
}
