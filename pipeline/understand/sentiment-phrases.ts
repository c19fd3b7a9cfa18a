/**
 * Multi-word phrases whose meaning is not the sum of their words, and the
 * person words that mark a text as someone's own view. Written by hand for
 * earshot (MIT) from general knowledge of English and German social posts,
 * customer-service complaints (airlines, rail, telecoms) and anticipation
 * ("can't wait", "get to see"); not derived from any labelled corpus.
 * Values are on VADER's scale (-4 … +4).
 */

/** A phrase's words after its first one, and its valence. */
export interface PhraseTail { rest: readonly string[]; value: number }
/** First word → tails, longest first. */
export type PhraseIndex = ReadonlyMap<string, readonly PhraseTail[]>;

export function compilePhrases(list: Readonly<Record<string, number>>): PhraseIndex {
  const m = new Map<string, PhraseTail[]>();
  for (const [phrase, value] of Object.entries(list)) {
    const words = phrase.split(' ');
    const head = words[0] as string;
    const tails = m.get(head) ?? [];
    tails.push({ rest: words.slice(1), value });
    m.set(head, tails);
  }
  for (const tails of m.values()) tails.sort((a, b) => b.rest.length - a.rest.length);
  return m;
}

export const ENGLISH_PHRASES = compilePhrases({
  // Eagerness and anticipation.
  "can't wait": 2.5, 'cant wait': 2.5, 'cannot wait': 2.5, "can't wait to": 2.5, 'looking forward': 2, 'so excited': 2.6, 'get to see': 1.6,
  'get to meet': 1.6, 'bring it on': 1.6, 'bring on': 1.2, "let's go": 1.4, 'lets go': 1.4, 'see you there': 1, 'happy birthday': 2.5,
  'well done': 2.2, 'thank you': 1.9, 'thanks so much': 2.4, 'no problem': 1.2, 'no worries': 1.2, 'not bad': 1.2, 'the bomb': 2.5,
  'made my day': 2.8, 'worth it': 1.6, 'hell yeah': 2.4, 'hell yes': 2.4, 'hell no': -1.8, 'safe travels': 1.6, 'here we come': 1.4,
  // A request for help is not praise of it.
  'can you help': 0.2, 'help me': 0.4, 'please help': -0.4,
  // Customer-service complaints: phrases matter more than their words.
  'still waiting': -1.9, 'still no': -1.6, 'been waiting': -1.5, 'on hold': -1.5, 'no response': -1.8, 'no reply': -1.7, 'no answer': -1.4,
  'no one': -0.6, 'no help': -2, 'no info': -1.5, 'no information': -1.5, 'no wifi': -1.3, 'no explanation': -1.8, 'no updates': -1.5,
  'lost my bag': -2.3, 'lost my luggage': -2.3, 'lost luggage': -2.1, 'lost bag': -2, 'lost baggage': -2.1, 'missed my connection': -2.3,
  'missed my flight': -2.1, 'missed connection': -2, 'hours late': -1.9, 'hour delay': -1.8, 'hours delay': -1.9, 'never again': -2.3,
  'fix this': -1.3, 'fix it': -0.8, 'do better': -1.6, 'get it together': -1.6, 'thanks for nothing': -2.6, 'what a joke': -2.2,
  'waste of': -2, 'yeah right': -1.5, 'let down': -2.2, 'shut up': -1, 'so what': -0.8, 'hung up': -1.8, 'hung up on': -2,
  'charged twice': -2, 'want a refund': -1.6, 'want my money back': -2.2, 'not refunded': -2, 'no refund': -2, 'sat on the tarmac': -1.8,
  'cancelled flight': -1.9, 'canceled flight': -1.9, 'cancelled flightled': -2, 'cancelled flighted': -2, 'flight cancelled': -1.9,
  'flight delayed': -1.8, 'late flight': -1.8, 'running late': -0.9, 'where is my': -1.4, 'why does it take': -1.3, 'is down': -1.3, 'down again': -1.7,
  'never fly': -2.3, 'never flying': -2.4, 'never use': -1.8, "can't get through": -1.7, 'cant get through': -1.7, 'no one answers': -1.9,
  'nobody answers': -1.9, 'please respond': -1.4, 'please reply': -1.4, 'yelled at': -2, 'rude to': -2.2, 'time my flight': -1,
  'stuck on': -1.2, 'stuck in': -1.1, 'on the tarmac': -1.4, 'no ac': -1.6, 'no air conditioning': -1.8, 'third time': -1.1, 'customer service': 0, 'not happy': -1.9, 'not impressed': -1.9, 'not acceptable': -2.3,
});

export const GERMAN_PHRASES = compilePhrases({
  'kein wunder': -0.5, 'nicht schlimm': 1.2, 'alles gut': 1.8, 'na toll': -1.8, 'na super': -1.6, 'danke schön': 2, 'vielen dank': 2.2,
  'gute fahrt': 1.5, 'gute reise': 1.6, 'freue mich': 2.4, 'freu mich': 2.3,
  // Rail and service complaints.
  'fällt aus': -2, 'fallen aus': -2, 'fiel aus': -2, 'fällt heute aus': -2.1, 'anschluss verpasst': -2.2, 'anschluss weg': -2, 'zug verpasst': -1.8,
  'mal wieder': -0.9, 'schon wieder': -1.1, 'zu spät': -1.8, 'keine klimaanlage': -2, 'klimaanlage kaputt': -2.2, 'ohne klimaanlage': -1.9,
  'kein wlan': -1.3, 'kein netz': -1.2, 'keine info': -1.6, 'keine infos': -1.6, 'keine information': -1.6, 'keine informationen': -1.6,
  'keine durchsage': -1.7, 'keine ansage': -1.6, 'keine antwort': -1.7, 'keine reaktion': -1.6, 'stehen rum': -1.4, 'stehen seit': -1.4,
  'ewig warten': -1.8, 'warten seit': -1.4, 'personen im gleis': -1, 'geld zurück': -0.8, 'nie wieder': -2.3, 'nicht mehr': -0.3,
});

/** First- and second-person words: a text that has none, but a link, reads as a headline or an ad. */
export const ENGLISH_PERSONS: ReadonlySet<string> = new Set([
  'i', "i'm", 'im', "i've", "i'll", "i'd", 'me', 'my', 'mine', 'myself', 'we', "we're", "we've", "we'll", 'our', 'ours', 'us',
  'you', "you're", 'youre', "you've", 'your', 'yours', 'u', 'ur', 'ya', 'yall', "y'all", 'lol', 'lmao', 'omg',
]);

export const GERMAN_PERSONS: ReadonlySet<string> = new Set([
  'ich', 'mich', 'mir', 'mein', 'meine', 'meinen', 'meinem', 'meiner', 'meines', 'wir', 'uns', 'unser', 'unsere', 'unseren', 'unserem',
  'du', 'dich', 'dir', 'dein', 'deine', 'deinen', 'deinem', 'euch', 'euer', 'eure', 'euren', 'hab', 'bin', 'lol',
]);
