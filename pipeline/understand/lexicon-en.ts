import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The English lexicon: VADER's word list (vader-sentiment, Apache-2.0; the
 * original list by Hutto & Gilbert is MIT) averaged with AFINN-165 (from the
 * `sentiment` package, MIT, scaled ×0.8), either alone where the other lacks a word, plus a few social
 * words of our own. Both are read from the installed packages at start-up,
 * never copied into this repository.
 */

const require = createRequire(import.meta.url);

/** vader-sentiment ships its list as an ES module inside a CommonJS package; read it as data. */
function loadVader(): Map<string, number> {
  const file = join(dirname(require.resolve('vader-sentiment/package.json')), 'src', 'vader_lexicon.js');
  const m = new Map<string, number>();
  const line = /^\s+(?:'((?:[^'\\]|\\.)*)'|([^\s:'][^:]*)):\s*(-?[\d.]+),?\s*$/;
  for (const l of readFileSync(file, 'utf8').split('\n')) {
    const r = line.exec(l);
    if (!r) continue;
    const key = (r[1] ?? r[2] ?? '').replace(/\\(.)/g, '$1');
    const w = Number(r[3]);
    if (key && Number.isFinite(w)) m.set(key, w);
  }
  return m;
}

function loadAfinn(): Record<string, number> {
  return require('sentiment/languages/en/labels.json') as Record<string, number>;
}

/** Our own additions and corrections for social text (MIT, written for earshot). */
const OWN: Record<string, number> = {
  thx: 1.5, ty: 1.2, luv: 2.5, fab: 2.4, lit: 1.5, goat: 1.8, dope: 1.8, rocks: 1.8, rock: 0, fave: 2, fav: 1.8, yay: 2.4, woohoo: 2.5,
  meh: -1.2, ugh: -1.8, smh: -1.6, fml: -2.4, wtf: -2.2, lame: -2, trash: -2.4, garbage: -2.4, scam: -3, ripoff: -2.8, refund: -0.6,
  broken: -2.2, outage: -2.2, down: -0.4, crash: -2, crashes: -2, crashed: -2.1, glitch: -1.6, buggy: -2.1, bug: -1.3, laggy: -1.9, slow: -1.3,
  unacceptable: -2.8, worst: -3.1, useless: -2.3, rude: -2.3, delayed: -1.6, cancelled: -1.6, canceled: -1.6, stranded: -2.1, lost: -1.3,
  recommend: 1.6, recommended: 1.7, reliable: 1.9, smooth: 1.4, seamless: 1.8, fast: 0.8, helpful: 2, responsive: 1.3,
  stoked: 2.4, pumped: 2, psyched: 2.2, hyped: 1.8, hehehe: 1.7, whoop: 1.8, bday: 1.2, legend: 1.8, iconic: 1.8, slay: 1.5,
  // Laughter often rides along with mockery: weaker than VADER's 3.
  lmao: 1.6, lmfao: 1.6, rofl: 1.8,
  // Service and travel failures (airlines, rail, telecoms).
  delay: -1.4, delays: -1.5, cancellation: -1.7, cancelation: -1.7, overbooked: -2, rebooked: -0.6, misconnect: -1.8, diverted: -0.9,
  neveragain: -2.3, epicfail: -2.8, understaffed: -1.9, unhelpful: -2.2, unprofessional: -2.3, nonexistent: -1.4, overcharged: -2.2, hold: 0, waiting: -0.3, queue: -0.4,
  // Words whose common social-media sense is not a judgement: sports reports ("play", "won"), events ("fair"), contests ("win", "chance").
  play: 0.4, fit: 0.4, fair: 0.7, chance: 0.6, join: 0.3, share: 0.2, reach: 0, win: 2, won: 1.6, care: 0.9,
  // VADER scores these although they are mostly neutral in social posts.
  like: 0, please: 0, yes: 0.4, no: -0.3, well: 0, pretty: 0, kind: 0, matter: 0, top: 0.8, right: 0, joke: -0.2, party: 0.8,
};

export const ENGLISH_LEXICON: ReadonlyMap<string, number> = (() => {
  const m = loadVader();
  // Where both lists know a word, their mean is less noisy than either (+0.005 macro-F1 on the English dev split).
  for (const [w, v] of Object.entries(loadAfinn())) {
    const vader = m.get(w);
    m.set(w, vader === undefined ? v * 0.8 : (vader + v * 0.8) / 2);
  }
  for (const [w, v] of Object.entries(OWN)) {
    if (v === 0) m.delete(w);
    else m.set(w, v);
  }
  return m;
})();

export const ENGLISH_NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'nowhere', 'without', 'cannot', 'cant', "can't", 'dont', "don't",
  'doesnt', "doesn't", 'didnt', "didn't", 'isnt', "isn't", 'wasnt', "wasn't", 'arent', "aren't", 'werent', "weren't", 'wont', "won't",
  'wouldnt', "wouldn't", 'shouldnt', "shouldn't", 'couldnt', "couldn't", 'aint', "ain't", 'hardly', 'barely', 'havent', "haven't",
  'hasnt', "hasn't", 'n’t', 'don’t', 'doesn’t', 'didn’t', 'isn’t', 'can’t', 'won’t', 'wasn’t',
]);

export const ENGLISH_INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.35], ['really', 1.3], ['so', 1.25], ['soo', 1.35], ['extremely', 1.5], ['absolutely', 1.5], ['totally', 1.4], ['completely', 1.4],
  ['incredibly', 1.5], ['super', 1.35], ['truly', 1.3], ['utterly', 1.5], ['fucking', 1.5], ['freaking', 1.4], ['damn', 1.3], ['too', 1.15],
  ['most', 1.3], ['highly', 1.4], ['especially', 1.3], ['quite', 1.1], ['seriously', 1.3], ['way', 1.2], ['hella', 1.4],
  ['somewhat', 0.7], ['slightly', 0.6], ['kinda', 0.75], ['kind of', 0.75], ['sort', 0.8], ['little', 0.8], ['bit', 0.7], ['barely', 0.5], ['fairly', 0.85], ['rather', 0.9],
]);

export const ENGLISH_CONTRAST: ReadonlySet<string> = new Set(['but', 'however', 'nevertheless', 'nonetheless']);

export const ENGLISH_NEGATION_BREAKERS: ReadonlySet<string> = new Set(['only', 'just']);
