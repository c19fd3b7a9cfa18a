import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LanguagePack } from './sentiment.ts';

/**
 * French, Italian, Dutch (Pattern lexicons, BSD) and Spanish (ML-SentiCon)
 * word polarities, as the `natural` package ships them. Read straight from its
 * JSON files on first use (importing `natural` itself would also read a
 * `.env`), scaled from [-1, 1] to VADER's ±4. Negators, contrast words and
 * intensifiers are our own short lists.
 */

const require = createRequire(import.meta.url);
const SCALE = 4;

interface Spec { file: string; field: 'polarity' | 'pol'; negators: string[]; contrast: string[]; intensifiers: [string, number][] }

const SPECS: Record<string, Spec> = {
  fr: {
    file: 'French/pattern-sentiment-fr.json', field: 'polarity', negators: ['pas', 'jamais', 'rien', 'aucun', 'aucune', 'sans', 'ni', 'personne', 'plus'],
    contrast: ['mais', 'cependant', 'pourtant'], intensifiers: [['très', 1.4], ['trop', 1.3], ['vraiment', 1.3], ['tellement', 1.4], ['super', 1.3], ['peu', 0.6]],
  },
  it: {
    file: 'Italian/pattern-sentiment-it.json', field: 'polarity', negators: ['non', 'mai', 'niente', 'nulla', 'nessun', 'nessuno', 'nessuna', 'senza', 'né'],
    contrast: ['ma', 'però', 'tuttavia'], intensifiers: [['molto', 1.4], ['troppo', 1.3], ['davvero', 1.3], ['proprio', 1.2], ['poco', 0.6]],
  },
  nl: {
    file: 'Dutch/pattern-sentiment-nl.json', field: 'polarity', negators: ['niet', 'nooit', 'geen', 'niets', 'niemand', 'zonder', 'nergens'],
    contrast: ['maar', 'echter', 'toch'], intensifiers: [['heel', 1.4], ['erg', 1.4], ['zeer', 1.4], ['echt', 1.3], ['super', 1.3], ['beetje', 0.6]],
  },
  es: {
    file: 'Spanish/senticon_es.json', field: 'pol', negators: ['no', 'nunca', 'jamás', 'nada', 'ningún', 'ninguna', 'ninguno', 'sin', 'tampoco', 'ni'],
    contrast: ['pero', 'sin embargo', 'aunque'], intensifiers: [['muy', 1.4], ['demasiado', 1.3], ['realmente', 1.3], ['super', 1.3], ['poco', 0.6]],
  },
};

const packs = new Map<string, LanguagePack | null>();

function load(spec: Spec): LanguagePack | null {
  try {
    const dir = join(dirname(require.resolve('natural')), 'sentiment');
    const raw = JSON.parse(readFileSync(join(dir, spec.file), 'utf8')) as Record<string, Record<string, string>>;
    const words = new Map<string, number>();
    for (const [w, e] of Object.entries(raw)) {
      const p = Number(e[spec.field]);
      if (Number.isFinite(p) && p !== 0 && !w.includes(' ')) words.set(w.toLowerCase(), p * SCALE);
    }
    return {
      words, negators: new Set(spec.negators), intensifiers: new Map(spec.intensifiers), contrast: new Set(spec.contrast), negationBreakers: new Set(),
      negatesBackwards: false, suffixes: ['s'], compoundHeads: [], compoundModifiers: [], phrases: new Map(), memo: new Map(),
    };
  } catch {
    return null; // natural's files missing or moved: these languages fall back to the English + German lexicons
  }
}

/** The pack for fr, it, nl or es, loaded on first use; null for other languages. */
export function otherPack(language: string): LanguagePack | null {
  const spec = SPECS[language];
  if (!spec) return null;
  let p = packs.get(language);
  if (p === undefined) {
    p = load(spec);
    packs.set(language, p);
  }
  return p;
}
