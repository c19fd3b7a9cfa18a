import { decode } from 'html-entities';
import { createHash } from 'node:crypto';

/**
 * Helpers every collector's pure `map.ts` may use. The pipeline's normalize
 * stage cleans text again; a collector must still hand over readable text.
 */

const DROP_BLOCKS = /<(script|style|noscript|template|iframe|svg)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BREAKS = /<\/?(br|p|div|li|ul|ol|h[1-6]|blockquote|tr|td|th|pre|section|article|header|footer|figure|figcaption|hr)\b[^>]*>/gi;

/** HTML (or text with entities) → plain text: tags gone, entities decoded, whitespace collapsed. */
export function htmlToText(html: string, maxLength = 100_000): string {
  // Cap before the regexes too: hostile input must not cost unbounded time.
  const input = html.length > maxLength * 4 ? html.slice(0, maxLength * 4) : html;
  const text = decode(
    input
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(DROP_BLOCKS, ' ')
      .replace(BREAKS, '\n')
      .replace(/<[^>]*>/g, ''),
    { level: 'html5' },
  )
    // Stray tags that were entity-encoded twice (&lt;b&gt;) are still markup.
    .replace(/<\/?[a-z][a-z0-9]*\b[^>]*>/gi, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
  return text.length > maxLength ? text.slice(0, maxLength) : text;
}

/** A native id short enough to key on: long ids (whole URLs with tracking) become a sha1. */
export function stableId(raw: string, max = 200): string {
  const id = raw.trim();
  return id.length <= max ? id : createHash('sha1').update(id).digest('hex');
}

/** ISO 8601 from a date string in any format Date.parse knows (RFC 822, ISO), or undefined. */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const t = typeof value === 'number' ? value : Date.parse(value.trim());
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** `en-US` / `de_DE` → `en` / `de`; undefined when not a language tag. */
export function languageTag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*([a-z]{2})(?:[-_][a-z0-9]+)*\s*$/i.exec(value);
  return m?.[1]?.toLowerCase();
}
