import { pathToFileURL } from 'node:url';
import { fromRoot } from '../../core/paths.ts';

/**
 * eld's detect() on its "small" database (eld 2.1, Apache-2.0, Nito T.M.), same
 * steps and same results, minus its costs on short texts: eld keeps each n-gram's
 * scores in an object keyed by language number and adds them up with `for…in`
 * (string keys into an array), collects n-grams as object keys and sorts all
 * languages to judge reliability. Here an n-gram's scores become typed arrays on
 * first use, n-grams go into a Set and reliability looks at the top two only.
 * The database, separators, byte dictionary and average scores are eld's own
 * modules, loaded from the installed package, so both read the same data.
 */

interface EldData {
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

const ELD = fromRoot('node_modules', 'eld', 'src');
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(`${ELD}/${file}`).href)) as T;
const [{ ngramsData }, { separators }, { dictionary }, { avgScore }] = await Promise.all([
  load<{ ngramsData: EldData }>('ngrams/small.js'),
  load<{ separators: RegExp }>('regexPatterns.js'),
  load<{ dictionary: readonly string[] }>('dictionary.js'),
  load<{ avgScore: Readonly<Record<string, number>> }>('avgScore.js'),
]);

const CODES: readonly string[] = Object.keys(ngramsData.languages).map((k) => ngramsData.languages[k] as string);
const LANGS = CODES.length;
/** eld stores scores minus this, to keep its database small. */
const BASE_SCORE = 53;
/** Per n-gram: language numbers and their scores (base added); null when the database lacks it. Cleared past this size (misses are unbounded). */
const COMPILED_MAX = 200_000;
const compiled = new Map<string, { langs: Uint8Array; scores: Int32Array } | null>();

function entry(ngram: string): { langs: Uint8Array; scores: Int32Array } | null {
  let e = compiled.get(ngram);
  if (e !== undefined) return e;
  const raw = Object.prototype.hasOwnProperty.call(ngramsData.ngrams, ngram) ? ngramsData.ngrams[ngram] : undefined;
  if (raw) {
    const keys = Object.keys(raw);
    e = { langs: new Uint8Array(keys.length), scores: new Int32Array(keys.length) };
    keys.forEach((k, i) => {
      (e as { langs: Uint8Array }).langs[i] = Number(k);
      (e as { scores: Int32Array }).scores[i] = (raw[k] as number) + BASE_SCORE;
    });
  } else e = null;
  if (compiled.size >= COMPILED_MAX) compiled.clear();
  compiled.set(ngram, e);
  return e;
}

/** eld's strToUtf8Bytes: words as UTF-8 bytes, one dictionary character per byte, cut near 350 bytes. ASCII runs are appended as slices, not per character. */
function utf8Words(str: string): string[] {
  let encoded = '';
  const words: string[] = [];
  let countBytes = 0;
  let run = -1;
  const d = dictionary;
  let ii = 0;
  for (; ii < str.length; ii++) {
    let c = str.charCodeAt(ii);
    if (c < 0x80) {
      if (c === 32) {
        if (run >= 0) {
          encoded += str.slice(run, ii);
          run = -1;
        }
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (countBytes > 350) break;
      } else if (run < 0) run = ii;
      countBytes++;
    } else {
      if (run >= 0) {
        encoded += str.slice(run, ii);
        run = -1;
      }
      if (c < 0x800) {
        encoded += (d[0xc0 | (c >> 6)] as string) + d[0x80 | (c & 0x3f)];
        countBytes += 2;
      } else if (c < 0xd800 || c >= 0xe000) {
        encoded += (d[0xe0 | (c >> 12)] as string) + d[0x80 | ((c >> 6) & 0x3f)] + d[0x80 | (c & 0x3f)];
        countBytes += 3;
      } else {
        ii++;
        c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
        encoded += (d[0xf0 | (c >> 18)] as string) + d[0x80 | ((c >> 12) & 0x3f)] + d[0x80 | ((c >> 6) & 0x3f)] + d[0x80 | (c & 0x3f)];
        countBytes += 4;
      }
    }
    if (countBytes > 380) {
      ii++;
      break;
    }
  }
  if (run >= 0) encoded += str.slice(run, ii);
  if (encoded !== '') words.push(encoded);
  return words;
}

const scores = new Float64Array(LANGS);
const ngrams = new Set<string>();

/** eld.detect(text) → its `language` when `isReliable()`, else "" (no language, or not reliable). */
export function eldReliableLanguage(text: string): string {
  const words = utf8Words(text.substring(0, 1000).replace(separators, ' ').trim().toLowerCase());
  ngrams.clear();
  for (const word of words) {
    const len = word.length > 70 ? 70 : word.length;
    let j: number;
    // 4-byte n-grams with a stride of 3; the first starts with a space, the last ends with one.
    for (j = 0; j + 4 < len; j += 3) ngrams.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    ngrams.add((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
  }
  scores.fill(0);
  for (const g of ngrams) {
    const e = entry(g);
    if (e) for (let k = 0; k < e.langs.length; k++) scores[e.langs[k] as number] = (scores[e.langs[k] as number] as number) + (e.scores[k] as number);
  }
  const count = ngrams.size;
  // eld's getMaxLang: the first language with the highest positive score.
  let best = -1;
  let max = 0;
  for (let l = 0; l < LANGS; l++) {
    const v = scores[l] as number;
    if (v > 0 && v > max) {
      max = v;
      best = l;
    }
  }
  if (best < 0 || count < 3) return '';
  // eld's isReliable reads its list of languages sorted by scaled score (stable, so ties keep language order).
  let first = -1;
  let firstScaled = 0;
  let second = -1;
  let secondScaled = 0;
  for (let l = 0; l < LANGS; l++) {
    const v = scores[l] as number;
    if (!(v > 0)) continue;
    const s = v / count;
    const scaled = s / (s + 25);
    if (first < 0 || scaled > firstScaled) {
      second = first;
      secondScaled = firstScaled;
      first = l;
      firstScaled = scaled;
    } else if (second < 0 || scaled > secondScaled) {
      second = l;
      secondScaled = scaled;
    }
  }
  const language = CODES[best] as string;
  // As in eld: the "next score" it compares with is the second language's number, not its score.
  const next = second >= 0 ? second : 0;
  return (avgScore[language] as number) * 0.75 > firstScaled || 0.01 > Math.abs(firstScaled - next) ? '' : language;
}
