import { ValidationError } from '../core/errors.ts';
import type { MentionInput } from '../core/mention.ts';

/**
 * Reading untrusted API payloads in collectors' pure map functions: typed
 * accessors that never throw, text repair and caps, and the per-page loop that
 * turns a bad item into a reject with its reason while the good ones go on.
 */

/** Longer texts are cut here already; the pipeline caps further (`pipeline.maxTextLength`). */
export const MAX_TEXT = 100_000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface MapOutcome {
  mentions: MentionInput[];
  rejects: Array<{ reason: string; payload: string }>;
  /** Items dropped on purpose (deleted content, reposts): not errors, not dead-lettered. */
  skipped: number;
}

/** Thrown by an item mapper to drop an item on purpose (not a mapping failure). */
export class SkipItem extends Error {}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
/** A count that may come as a number or a numeric string; anything else is 0. */
export function count(v: unknown): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : num(v);
  return n !== undefined && n > 0 ? Math.round(n) : 0;
}
/** Repairs broken UTF-16 (lone surrogates from bad bytes upstream) and caps the size. */
export function safeText(v: string, max = MAX_TEXT): string {
  return (v.length > max ? v.slice(0, max) : v).replace(LONE_SURROGATE, '\uFFFD');
}
export function payloadOf(item: unknown): string {
  try {
    return (JSON.stringify(item) ?? String(item)).slice(0, 10_000);
  } catch {
    return '(unserialisable payload)';
  }
}
/** An ISO 8601 date string from the payload; a ValidationError naming `field` otherwise. */
export function isoTime(v: unknown, field: string): string {
  const s = str(v);
  const t = s === undefined ? NaN : Date.parse(s);
  if (!Number.isFinite(t)) throw new ValidationError(`must be an ISO 8601 date, got ${payloadOf(v).slice(0, 40)}`, field);
  return new Date(t).toISOString();
}
/** Unix seconds (number or numeric string) → ISO 8601; a ValidationError naming `field` otherwise. */
export function epochSeconds(v: unknown, field: string): string {
  const n = num(v) ?? (typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined);
  if (n === undefined || !Number.isFinite(n) || n <= 0 || n > 32_503_680_000) {
    throw new ValidationError(`must be a Unix time in seconds, got ${payloadOf(v).slice(0, 40)}`, field);
  }
  return new Date(Math.round(n * 1000)).toISOString();
}

/** Maps every item; never throws for bad data: ValidationError → reject, SkipItem → skipped. */
export function mapEach(items: readonly unknown[], mapItem: (item: unknown) => MentionInput): MapOutcome {
  const out: MapOutcome = { mentions: [], rejects: [], skipped: 0 };
  for (const item of items) {
    try {
      out.mentions.push(mapItem(item));
    } catch (err) {
      if (err instanceof SkipItem) out.skipped++;
      else if (err instanceof ValidationError) out.rejects.push({ reason: err.message, payload: payloadOf(item) });
      // Anything else is a bug in the mapper: let it surface (the fuzz tests look for exactly this).
      else throw err;
    }
  }
  return out;
}
