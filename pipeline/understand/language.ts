import { eld } from 'eld/small';

/**
 * Language detection for short social texts with eld (Efficient Language
 * Detector, Apache-2.0): n-gram based, no native code, ~60 languages. The
 * "small" database measured as accurate as "medium" on German and English
 * tweets here (see README) and is faster and lighter. URLs, @handles and
 * #hashtags are removed first: they are not the author's language.
 */

const NOISE = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{N}_.]+/gu;
const LETTER = /\p{L}/gu;
/** Detection looks at this much text; more adds time, not accuracy. */
const MAX_CHARS = 1000;

export interface DetectOptions {
  /** Fewer letters than this → "und". Default 3. */
  minLetters?: number;
}

function countLetters(s: string, cap: number): number {
  LETTER.lastIndex = 0;
  let n = 0;
  while (n < cap && LETTER.exec(s) !== null) n++;
  LETTER.lastIndex = 0;
  return n;
}

/** ISO 639-1 code, or "und" when the text is too short or eld is not sure. */
export function detectLanguage(text: string, options: DetectOptions = {}): string {
  const minLetters = options.minLetters ?? 3;
  const head = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const clean = head.replace(NOISE, ' ');
  if (countLetters(clean, minLetters) < minLetters) return 'und';
  const r = eld.detect(clean);
  return r.language && r.isReliable() ? r.language : 'und';
}
