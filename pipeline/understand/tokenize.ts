/**
 * One-pass tokenizer for short social texts. A single regular expression,
 * compiled once, splits URLs, @handles, #hashtags, emoticons, words, emoji
 * and punctuation; per-token work is a lower-casing and two flag checks.
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
}

/** Texts are analysed up to this many characters, so work per mention stays bounded. */
export const MAX_ANALYSED_CHARS = 20_000;

const TOKEN =
  /(https?:\/\/\S+|www\.\S+)|(@[\p{L}\p{N}_.]+)|#([\p{L}\p{N}_]+)|(>:\(|<\/3|<3|:'\(|[:;=]-?[)(\]\[DPp/\\|*@]|\(:|\):|[xX]D|\^_?\^|-[._]-)(?![\p{L}\p{N}])|([\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*)|(\p{Extended_Pictographic})|([!?¿¡]+)|([.,;:…]+|\n)/gu;
const ELONGATED = /(\p{L})\1\1/u;
const HAS_LOWER = /\p{Ll}/u;
const APOSTROPHE = /’/g;

export function tokenize(input: string): Token[] {
  const text = input.length > MAX_ANALYSED_CHARS ? input.slice(0, MAX_ANALYSED_CHARS) : input;
  const tokens: Token[] = [];
  const mixedCase = HAS_LOWER.test(text);
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    if (m[5] !== undefined) {
      const raw = m[5];
      const lower = raw.includes('’') ? raw.toLowerCase().replace(APOSTROPHE, "'") : raw.toLowerCase();
      tokens.push({
        kind: Kind.Word,
        text: lower,
        caps: mixedCase && raw.length >= 3 && raw !== lower && raw === raw.toUpperCase(),
        elongated: raw.length >= 3 && ELONGATED.test(lower),
      });
    } else if (m[6] !== undefined) tokens.push({ kind: Kind.Emoji, text: m[6], caps: false, elongated: false });
    else if (m[4] !== undefined) tokens.push({ kind: Kind.Emoticon, text: m[4], caps: false, elongated: false });
    else if (m[7] !== undefined) tokens.push({ kind: Kind.Bang, text: m[7], caps: false, elongated: false });
    else if (m[8] !== undefined) tokens.push({ kind: Kind.Break, text: m[8], caps: false, elongated: false });
    else if (m[3] !== undefined) {
      const lower = m[3].toLowerCase();
      tokens.push({ kind: Kind.Hashtag, text: lower, caps: false, elongated: ELONGATED.test(lower) });
    } else if (m[1] !== undefined) tokens.push({ kind: Kind.Url, text: m[1], caps: false, elongated: false });
    else if (m[2] !== undefined) tokens.push({ kind: Kind.Handle, text: m[2], caps: false, elongated: false });
  }
  return tokens;
}

const SQUASH2 = /(\p{L})\1{2,}/gu;
const SQUASH1 = /(\p{L})\1{2,}/gu;

/** "sooo" → ["soo", "so"]; "geiiil" → ["geiil", "geil"]. */
export function squashed(word: string): [string, string] {
  return [word.replace(SQUASH2, '$1$1'), word.replace(SQUASH1, '$1')];
}
