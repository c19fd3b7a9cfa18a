/**
 * Turns text into the folded tokens brand queries are matched against. The
 * same tokenizer and folding run over query terms, so whatever rule is chosen
 * here (what splits words, what counts as the same letter) holds on both sides.
 */

/** Text prepared once per mention; every brand query is evaluated against it. */
export interface MatchDocument {
  /** Primary folded form of each token, by position. */
  readonly tokens: readonly string[];
  /** Other forms of the token at a position (`acme` for `@acme`, `mueller` for `Müller`); sparse. */
  readonly alts: ReadonlyMap<number, readonly string[]>;
  /** Every form, primary and alternate: a single word is one lookup. */
  readonly forms: ReadonlySet<string>;
}

/** Han and kana are written without spaces: each character is a token (a term becomes a phrase of characters); other runs stay whole. */
const PIECE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}_])+/gu;
/** A handle or hashtag marker may lead a run of word characters; `_` is a word character (handles use it). */
const WORD = /[@#]?[\p{L}\p{N}\p{M}_]+/gu;
/** The same over lower-cased ASCII text (most English posts), without the cost of Unicode property classes. */
const WORD_ASCII = /[@#]?[a-z0-9_]+/g;
const ASCII = /^[\x00-\x7f]*$/;
const UMLAUT = /[äöü]/;
/** Scheme, query string and fragment carry no brand words (and a lot of tracking noise). */
const URL = /https?:\/\/([^\s?#]*)[^\s]*/gi;
/** Letters NFKD leaves whole although readers treat them as a base letter plus a mark. */
const SPECIAL: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const SPECIAL_RE = /[ßøæœłđðþı]/g;

/**
 * Folds one lower-cased token: compatibility forms (ﬁ, ＡＣＭＥ) to plain letters,
 * Latin/Greek/Cyrillic diacritics dropped (é→e, ä→a), ß→ss. Only the combining
 * diacritics block is stripped, so marks that carry meaning in other scripts
 * (Devanagari vowel signs, Japanese dakuten) survive.
 */
export function foldToken(token: string): string {
  if (ASCII.test(token)) return token.toLowerCase();
  // Lower-case after NFKD too: compatibility forms can decompose to capitals (ℌ → H), and İ lower-cases to i + a mark.
  return token
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize('NFC');
}

/** German writes ä/ö/ü as ae/oe/ue where umlauts are unavailable ("Mueller"). */
function umlautSpelling(token: string): string {
  return token.replace(/[äöü]/g, (c) => (c === 'ä' ? 'ae' : c === 'ö' ? 'oe' : 'ue'));
}

/** Receives each token: its primary form, the form without `@`/`#` (if marked), its `ae/oe/ue` spellings (if it had an umlaut). */
type Emit = (form: string, bare: string | undefined, umlaut: string[] | undefined) => void;

/** Splits text into tokens. Punctuation, emoji and whitespace separate; URLs keep their host and path words. */
function scan(text: string, emit: Emit): void {
  let t = text.toLowerCase();
  if (t.includes('://')) t = t.replace(URL, ' $1 ');
  const allAscii = ASCII.test(t);
  const re = allAscii ? WORD_ASCII : WORD;
  re.lastIndex = 0;
  let lastEnd = -1;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    let word = m[0];
    const index = m.index;
    let marker = '';
    const first = word.charCodeAt(0);
    if (first === 64 /* @ */ || first === 35 /* # */) {
      word = word.slice(1);
      // `info@acme.com` is an e-mail address, not a handle: the @ is glued to a word.
      if (index !== lastEnd) marker = first === 64 ? '@' : '#';
    }
    lastEnd = index + m[0].length;
    if (allAscii || ASCII.test(word)) {
      if (marker) emit(marker + word, word, undefined);
      else emit(word, undefined, undefined);
      continue;
    }
    // Fold first, then split: folding can turn a symbol into a letter of another script (㆒ → 一) or into separators (½ → 1⁄2).
    const composed = word.normalize('NFC');
    const pieces = foldToken(composed).match(PIECE) ?? [];
    const umlautPieces = UMLAUT.test(composed) ? (foldToken(umlautSpelling(composed)).match(PIECE) ?? []) : undefined;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      const mark = i === 0 ? marker : '';
      const u = umlautPieces?.length === pieces.length ? umlautPieces[i] : undefined;
      const umlaut = u === undefined || u === piece ? undefined : mark ? [mark + u, u] : [u];
      emit(mark + piece, mark ? piece : undefined, umlaut);
    }
  }
}

/** One token of a query term: its primary form and other forms it also answers to. */
export interface RawToken {
  form: string;
  bare: string | undefined;
  umlaut: string[] | undefined;
}

/** Tokenizes the text of a query term or phrase exactly as documents are tokenized. */
export function tokenize(text: string): RawToken[] {
  const out: RawToken[] = [];
  scan(text, (form, bare, umlaut) => out.push({ form, bare, umlaut }));
  return out;
}

/** Prepares text once for matching against any number of compiled queries. Never throws on text. */
export function prepareDocument(text: string): MatchDocument {
  const tokens: string[] = [];
  const alts = new Map<number, string[]>();
  const forms = new Set<string>();
  scan(text, (form, bare, umlaut) => {
    const pos = tokens.length;
    tokens.push(form);
    forms.add(form);
    if (bare === undefined && umlaut === undefined) return;
    const others = bare === undefined ? [] : [bare];
    if (umlaut !== undefined) others.push(...umlaut);
    alts.set(pos, others);
    for (const f of others) forms.add(f);
  });
  return { tokens, alts, forms };
}
