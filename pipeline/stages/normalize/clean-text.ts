import { decode } from 'html-entities';

const BLOCKS = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BREAKS = /<\s*(br|\/p|\/div|\/li|\/h[1-6]|\/tr|hr)\b[^>]*>/gi;
const TAGS = /<\/?[a-z!][^>]*>/gi;
// C0/C1 controls except tab and newline; zero-width and bidi overrides that hide text.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Mention text is hostile: HTML stripped (text only), entities decoded once,
 * controls and invisible direction overrides removed, broken UTF-16 repaired,
 * whitespace collapsed, size capped.
 */
export function cleanText(input: string, maxLength: number): string {
  let t = input.length > maxLength * 4 ? input.slice(0, maxLength * 4) : input;
  if (t.includes('<')) t = t.replace(BLOCKS, ' ').replace(BREAKS, '\n').replace(TAGS, ' ');
  if (t.includes('&')) t = decode(t);
  t = t.toWellFormed().replace(CONTROLS, '');
  t = t.replace(/[ \t\u00A0]+/g, ' ').replace(/ *\n[ \n]*/g, '\n').trim();
  if (t.length > maxLength) t = t.slice(0, maxLength).toWellFormed();
  return t;
}
