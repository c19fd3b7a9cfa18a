/**
 * One-pass scanner for short social texts: URLs, @handles, #hashtags,
 * emoticons, words, emoji and punctuation. ASCII is classified by char code;
 * only non-ASCII characters meet a (precompiled) Unicode property test.
 */

export enum Kind {
  Word = 0,
  Hashtag = 1,
  Emoji = 2,
  Emoticon = 3,
  /** `!`/`?` runs: emphasis, and a clause break. */
  Bang = 4,
  /** `.`, `,`, `;`, `:` and line breaks: a clause break. */
  Break = 5,
  Url = 6,
  Handle = 7,
}

export interface Token {
  kind: Kind;
  /** Lower-cased word (hashtag without `#`), or the emoji/emoticon/punctuation as written. */
  text: string;
  /** Written in capitals (≥ 3 letters) in a text that is not all capitals. */
  caps: boolean;
  /** A letter repeated three times or more ("sooo", "geiiil"). */
  elongated: boolean;
  /** Written with an initial capital followed by a lower-case letter ("Great", not "GREAT" or "great"): in English mid-sentence, part of a name. */
  title?: boolean;
  /** Hashtags written in camelCase: their lower-cased words ("#NeverAgain" → never, again). */
  parts?: string[];
}

/** Texts are analysed up to this many characters, so work per mention stays bounded. */
export const MAX_ANALYSED_CHARS = 20_000;

const LETTER_AT = /\p{L}/uy;
const HAS_LOWER = /\p{Ll}/u;
const APOSTROPHE = /’/g;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/uy;
const PICTO = /\p{Extended_Pictographic}/uy;

/** Emoticons by first character, longest first; matched only when no letter or digit follows. */
const EMOTICON_STARTS = new Map<string, string[]>();
for (const e of ['>:(', '</3', '<3', ":'(", ':-)', ':-(', ':-D', ':-P', ':-p', ':-/', ':-*', ';-)', ';-P', ':)', ':(', ':]', ':[', ':D', ':P', ':p', ':/', ':\\', ':|', ':*', ':@',
  ';)', ';P', '=)', '=(', '=D', '(:', '):', 'xD', 'XD', '^_^', '^^', '-_-', '-.-', 'D:']) {
  const k = e.charAt(0);
  const list = EMOTICON_STARTS.get(k) ?? [];
  list.push(e);
  EMOTICON_STARTS.set(k, list);
}
for (const list of EMOTICON_STARTS.values()) list.sort((a, b) => b.length - a.length);

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Letter, mark or digit at i (handles astral code points). */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiWord(c);
  if (c === 0xfe0f || c === 0xfe0e) return false; // emoji variation selectors are marks, not word parts
  WORD_CHAR.lastIndex = i;
  return WORD_CHAR.test(text);
}

/** A letter three times in a row, as /(\p{L})\1\1/u finds it (by code point), without running a regex per word. */
function elongated(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i + 2 < n) {
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      if (s.charCodeAt(i + 2) === c && s.charCodeAt(i + 3) === d && s.charCodeAt(i + 4) === c && s.charCodeAt(i + 5) === d && letterAt(s, i)) return true;
      i += 2;
    } else {
      if (d === c && s.charCodeAt(i + 2) === c && letterAt(s, i)) return true;
      i++;
    }
  }
  return false;
}

function letterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  LETTER_AT.lastIndex = i;
  return LETTER_AT.test(s);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 12 || c === 160 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

function wordEnd(text: string, i: number, n: number): number {
  let j = i;
  while (j < n) {
    if (isWordAt(text, j)) j += text.charCodeAt(j) >= 0xd800 && text.charCodeAt(j) <= 0xdbff ? 2 : 1;
    else {
      const c = text.charCodeAt(j);
      // An apostrophe inside a word ("don't", "it’s") belongs to it.
      if ((c === 39 || c === 0x2019) && j + 1 < n && isWordAt(text, j + 1) && j > i) j++;
      else break;
    }
  }
  return j;
}

function push(tokens: Token[], kind: Kind, text: string): void {
  tokens.push({ kind, text, caps: false, elongated: false });
}

export function tokenize(input: string): Token[] {
  const text = input.length > MAX_ANALYSED_CHARS ? input.slice(0, MAX_ANALYSED_CHARS) : input;
  const tokens: Token[] = [];
  const mixedCase = HAS_LOWER.test(text);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0xfe0f || c === 0xfe0e || c === 0x200d) {
      i++;
      continue;
    }
    if (isSpace(c)) {
      if (c === 10) push(tokens, Kind.Break, '\n');
      i++;
      continue;
    }
    // URLs
    if ((c === 104 || c === 119) && (text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i))) {
      let j = i;
      while (j < n && !isSpace(text.charCodeAt(j))) j++;
      push(tokens, Kind.Url, text.slice(i, j));
      i = j;
      continue;
    }
    // Emoticons (before words: "xD"; before punctuation: ":)")
    const cands = EMOTICON_STARTS.get(text.charAt(i));
    if (cands) {
      let hit = '';
      for (const e of cands) {
        if (text.startsWith(e, i) && !(i + e.length < n && isWordAt(text, i + e.length)) && !(i > 0 && isWordAt(text, i - 1) && isWordAt(text, i))) { hit = e; break; }
      }
      if (hit) {
        push(tokens, Kind.Emoticon, hit);
        i += hit.length;
        continue;
      }
    }
    if (isWordAt(text, i)) {
      const j = wordEnd(text, i, n);
      const raw = text.slice(i, j);
      const lower = raw.includes('’') ? raw.toLowerCase().replace(APOSTROPHE, "'") : raw.toLowerCase();
      tokens.push({
        kind: Kind.Word,
        text: lower,
        caps: mixedCase && raw.length >= 3 && raw !== lower && raw === raw.toUpperCase(),
        elongated: raw.length >= 3 && elongated(lower),
        title: raw.length >= 2 && raw !== lower && raw.charAt(1) === lower.charAt(1) && raw.charAt(0) !== lower.charAt(0),
      });
      i = j;
      continue;
    }
    if ((c === 64 || c === 35) && i + 1 < n && isWordAt(text, i + 1)) {
      let j = i + 1;
      while (j < n && (isWordAt(text, j) || text.charCodeAt(j) === 95 || (c === 64 && text.charCodeAt(j) === 46 && j + 1 < n && isWordAt(text, j + 1)))) {
        j += text.charCodeAt(j) >= 0xd800 && text.charCodeAt(j) <= 0xdbff ? 2 : 1;
      }
      if (c === 64) push(tokens, Kind.Handle, text.slice(i, j));
      else {
        const raw = text.slice(i + 1, j);
        const lower = raw.toLowerCase();
        const tok: Token = { kind: Kind.Hashtag, text: lower, caps: false, elongated: elongated(lower) };
        const parts = raw === lower && !raw.includes('_') ? null : camelParts(raw);
        if (parts) tok.parts = parts;
        tokens.push(tok);
      }
      i = j;
      continue;
    }
    if (c === 33 || c === 63 || c === 0xbf || c === 0xa1) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 33 || d === 63 || d === 0xbf || d === 0xa1) j++;
        else break;
      }
      push(tokens, Kind.Bang, text.slice(i, j));
      i = j;
      continue;
    }
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 0x2026) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 46 || d === 44 || d === 59 || d === 58 || d === 0x2026) j++;
        else break;
      }
      push(tokens, Kind.Break, text.slice(i, j));
      i = j;
      continue;
    }
    if (c >= 0x2190) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      const size = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
      PICTO.lastIndex = i;
      if (PICTO.test(text)) push(tokens, Kind.Emoji, text.slice(i, i + size));
      i += size;
      continue;
    }
    i++;
  }
  return tokens;
}

/** "NeverAgain" → ["never", "again"]; "Windows10Fail" → ["windows", "fail"]; null when there is one part. */
function camelParts(raw: string): string[] | null {
  const parts: string[] = [];
  let start = 0;
  for (let k = 1; k <= raw.length; k++) {
    const c = k < raw.length ? raw.charCodeAt(k) : 0;
    const prev = raw.charCodeAt(k - 1);
    const upper = c >= 65 && c <= 90;
    const boundary = k === raw.length || c === 95 || (c >= 48 && c <= 57) || (upper && !(prev >= 65 && prev <= 90));
    if (!boundary) continue;
    if (k > start) {
      const w = raw.slice(start, k).toLowerCase();
      if (!(w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57) && w !== '_') parts.push(w);
    }
    start = c === 95 ? k + 1 : k;
  }
  return parts.length > 1 ? parts : null;
}

const SQUASH2 = /(\p{L})\1{2,}/gu;
const SQUASH1 = /(\p{L})\1{2,}/gu;

/** "sooo" → ["soo", "so"]; "geiiil" → ["geiil", "geil"]. */
export function squashed(word: string): [string, string] {
  return [word.replace(SQUASH2, '$1$1'), word.replace(SQUASH1, '$1')];
}
