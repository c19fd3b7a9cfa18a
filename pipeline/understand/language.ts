import { eldReliableLanguage } from './eld-small.ts';

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

/**
 * Fast path: function words found only in German, or only in English (not in
 * Dutch, Scandinavian or Romance languages either). Three or more of one and
 * none of the other decide without eld; anything less clear goes to eld.
 */
const GERMAN_ONLY = new Set([
  'und', 'nicht', 'ich', 'ist', 'das', 'sie', 'auch', 'auf', 'wir', 'aber', 'noch', 'wie', 'bei', 'sehr', 'schon', 'nur', 'mir', 'mich', 'dass',
  'ein', 'eine', 'einen', 'einem', 'wird', 'sind', 'hat', 'haben', 'kann', 'heute', 'jetzt', 'mal', 'doch', 'oder', 'wenn', 'nach', 'zum', 'zur',
  'sich', 'mein', 'meine', 'dich', 'dir', 'uns', 'euch', 'ihr', 'hier', 'immer', 'wieder', 'ganz', 'gibt', 'schon', 'seit', 'durch', 'für', 'über',
]);
const ENGLISH_ONLY = new Set([
  'the', 'and', 'you', 'that', 'this', 'with', 'are', 'have', 'has', 'just', 'what', 'your', 'they', 'their', 'there', 'will', 'would', 'can',
  "i'm", "it's", "don't", 'not', 'but', 'for', 'from', 'about', 'been', 'were', 'when', 'which', 'who', 'how', 'all', 'out', 'get', 'got',
  'my', 'me', 'our', 'its', 'very', 'really', 'today', 'now', 'any', 'some', 'should', 'could', 'does', 'did', 'than', 'then', 'because',
]);
/** Lengths of the words in those lists: a word outside them is not cut out of the text to be looked up. */
const SHORTEST = Math.min(...[...GERMAN_ONLY, ...ENGLISH_ONLY].map((w) => w.length));
const LONGEST = Math.max(...[...GERMAN_ONLY, ...ENGLISH_ONLY].map((w) => w.length));
const LETTER_AT = /\p{L}/uy;

/** Length of the code point at i when it is a letter (as \p{L} with the u flag sees it), else 0. */
function letterAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
  LETTER_AT.lastIndex = i;
  if (!LETTER_AT.test(s)) return 0;
  return LETTER_AT.lastIndex - i;
}

function fastPath(text: string): string | null {
  let de = 0;
  let en = 0;
  const lower = text.toLowerCase();
  const n = lower.length;
  let seen = 0;
  let i = 0;
  // The words of /[\p{L}']+/gu, the first 40 of them, scanned by hand: no regex match object per word.
  while (i < n && seen < 40) {
    let j = i;
    for (;;) {
      if (j >= n) break;
      if (lower.charCodeAt(j) === 39) j++;
      else {
        const size = letterAt(lower, j);
        if (size === 0) break;
        j += size;
      }
    }
    if (j === i) {
      const c = lower.charCodeAt(i);
      const d = lower.charCodeAt(i + 1);
      i += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
      continue;
    }
    seen++;
    if (j - i >= SHORTEST && j - i <= LONGEST) {
      const w = lower.slice(i, j);
      if (GERMAN_ONLY.has(w)) de++;
      else if (ENGLISH_ONLY.has(w)) en++;
    }
    i = j;
  }
  if (de >= 3 && en === 0) return 'de';
  if (en >= 3 && de === 0) return 'en';
  return null;
}

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
  const clean = head.includes('http') || head.includes('www.') || head.includes('@') || head.includes('#') ? head.replace(NOISE, ' ') : head;
  if (countLetters(clean, minLetters) < minLetters) return 'und';
  const fast = fastPath(clean);
  if (fast) return fast;
  return eldReliableLanguage(clean) || 'und';
}
