import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses "30s", "5m", "1h30m", "2d", "1w" (or a number of milliseconds) into milliseconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(text)) {
    throw new Error(`"${value}" is not a duration; write e.g. 30s, 5m, 1h30m, 2d or 1w`);
  }
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(m[1]) * (UNITS[m[2] ?? 'ms'] ?? 1);
  return total;
}

/**
 * A config duration: "5m" in YAML, milliseconds in code. Give defaults with
 * `.prefault("5m")`: zod 4 returns a `.default()` value as is, without the transform.
 */
export const duration = () =>
  z.union([z.string(), z.number().nonnegative()]).transform((v, ctx) => {
    try {
      return parseDuration(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });
