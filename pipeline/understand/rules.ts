/**
 * Hand-written intent cues for German and English (MIT, written for earshot).
 * Every pattern is compiled once at start-up; matching runs on the
 * lower-cased text.
 */

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** A cue: `test` is true when one of its patterns occurs in the text. */
export interface Cue {
  test(text: string): boolean;
}

/**
 * Patterns that open with a lookbehind make the regex engine try every position
 * of the text. The same patterns without their word-boundary lookarounds match a
 * superset and run several times faster, so they go first and the exact patterns
 * only run on texts they let through: same answers, about half the time.
 */
function re(parts: readonly string[]): Cue {
  const strict = new RegExp(parts.map((p) => `(?:${p})`).join('|'), 'u');
  const loose = new RegExp(parts.map((p) => `(?:${p.split(B).join('').split(E).join('')})`).join('|'), 'u');
  return { test: (text) => loose.test(text) && strict.test(text) };
}

/** Strong buying signals. */
export const LEAD_STRONG = re([
  `${B}looking (?:for|to buy|to get|at (?:buying|getting)) (?:a|an|some|any|good|new|the best|recommendations|suggestions|alternatives|options)${E}`,
  `${B}in the market for${E}`,
  `${B}(?:any|some|your) (?:good |solid )?(?:recommendations?|suggestions?|recs)${E}`,
  `${B}(?:can|could|would) (?:anyone|someone|somebody|you|u|y'all) recommend${E}`, `${B}recommend me${E}`,
  `${B}what (?:do|would|should) (?:you|people|y'all|i) (?:recommend|use|buy|get)${E}`,
  `${B}which\\b.{0,40}\\b(?:should|would|do) (?:i|we|you) (?:buy|get|choose|pick|go (?:for|with)|take)${E}`,
  `${B}should i (?:buy|get|upgrade|go with|order)${E}`,
  `${B}(?:want|wanting|planning|going|need|trying|ready|like) to (?:buy|order|purchase|get a new|upgrade|switch|sign up)${E}`,
  `${B}(?:thinking|considering|thinkin)(?: of| about)? (?:buying|getting|switching|ordering|upgrading|moving to)${E}`,
  `${B}switch(?:ing)? (?:from|over to|providers?|banks?)${E}`,
  `${B}where (?:can|do|could|should) (?:i|we|you) (?:buy|get|order|purchase)${E}`,
  `${B}alternatives? (?:to|for)${E}`, `${B}(?:trying to decide|torn) between${E}`, `${B}shopping (?:for|around)${E}`,
  `${B}(?:a )?quote for${E}`, `${B}(?:worth (?:buying|the money|upgrading))${E}`, `${B}interested in (?:buying|your|the|a)${E}`,
  `${B}(?:suche|suchen) (?:eine?n?|nach|ein|neue|gute)${E}`, `${B}auf der suche nach${E}`,
  `${B}wo (?:kann|könnte|bekomme|kriege|kaufe|bestelle)\\b.{0,40}(?:kaufen|bestellen|bekommen|kriegen|her)${E}`, `${B}wo bekomme ich${E}`,
  `${B}welche[nsrm]?${E}.{0,50}(?:kaufen|holen|nehmen|empfehlen|empfehlt|würdet|soll ich|sollte ich)${E}`,
  `${B}(?:könnt|kannst|kann|könnte)(?: ihr| du| mir| jemand| man)+\\b.{0,40}empfehlen${E}`,
  `${B}empfehlungen? (?:für|zu)${E}`, `${B}tipps? für (?:eine?n?|ein)${E}`, `${B}kaufberatung${E}`,
  `${B}(?:zu )?(?:wechseln|umsteigen|umzusteigen|wechsel) (?:von|zu|auf)${E}`, `${B}anbieter (?:zu )?wechseln${E}`, `${B}zu (?:einem|einer) anderen anbieter${E}`,
  `${B}(?:möchte|will|wollen|möchten|würde gerne|wollte)\\b.{0,40}(?:kaufen|bestellen|zulegen|holen|buchen|abschließen)${E}`,
  `${B}(?:überlege|überlegen)\\b.{0,60}(?:kaufen|holen|wechseln|zulegen|anzuschaffen|bestellen)${E}`,
  `${B}lohnt (?:sich|es sich)\\b.{0,30}(?:kauf|upgrade|abo|version|modell)`,
  `${B}interesse an${E}`, `${B}(?:lizenzen|plätze|seats|licenses) (?:kaufen|buy)${E}`,
]);

/** Weaker signals: price and availability questions. */
export const LEAD_WEAK = re([
  `${B}how much (?:is|does|for|are|do)${E}`, `${B}(?:pricing|price for|price of|free trial|demo|discount|student discount)${E}`,
  `${B}do you (?:ship|deliver) to${E}`, `${B}(?:is|are) (?:it|they|this) (?:still )?available${E}`,
  `${B}was kostet${E}`, `${B}(?:preis|preise) (?:für|von)${E}`, `${B}(?:rabatt|kostenvoranschlag|angebot für|testversion|demo)${E}`,
  `${B}noch verfügbar${E}`, `${B}auf rechnung${E}`, `${B}brauche (?:eine?n?|ein|neue)${E}`, `${B}need (?:a|an) new${E}`,
  `${B}(?:lohnt sich|worth it)${E}`, `${B}sign up${E}`,
]);

export const QUESTION_START = re([
  `^(?:who|what|when|where|why|how|which|can|could|does|do|did|is|are|was|will|would|should|has|have|anyone|any)${E}`,
  `^(?:wer|was|wann|wo|wie|warum|wieso|weshalb|welche[nsrm]?|kann|könnt|kannst|gibt|hat|habt|weiß|ist|sind|wird|soll|muss)${E}`,
]);

export const COMPLAINT = re([
  `${B}(?:not|doesn't|does not|isn't|won't|don't|stopped|never) (?:working|work|arrived|responding|answer(?:ing)?|helpful|fixed)${E}`,
  `${B}(?:still|yet to) (?:no|not|waiting|haven't|hasn't|broken)${E}`, `${B}(?:on hold|no response|no reply|no answer|nobody (?:answers|picks up|cares)|no explanation)${E}`,
  `${B}(?:refund|charged twice|overcharged|cancel(?:led)? my|damaged|broken|crash(?:es|ing|ed)?|delayed|cancelled|canceled|stuck|worst|unacceptable|ridiculous|disgrace|rip-?off|scam)${E}`,
  `${B}(?:customer service|customer support|your support)${E}`, `${B}(?:thanks|thank you) for nothing${E}`, `${B}fix (?:it|this|your)${E}`,
  `${B}(?:funktioniert|geht|klappt|läuft|lädt)\\b.{0,20}\\b(?:nicht|gar nichts|nichts)${E}`, `${B}(?:seit|schon) (?:\\d+|zwei|drei|vier|einer|einem|mehreren|tagen|wochen|stunden)\\b`,
  `${B}(?:immer noch|noch immer|schon wieder|ständig|keine antwort|keiner|niemand|nicht erreichbar|danke für nichts)${E}`,
  `${B}(?:kaputt|defekt|abgestürzt|stürzt|verspätung|verspätet|ausgefallen|fällt aus|erstattung|reklamation|beschwerde|kundenservice|hotline|frechheit|unverschämt|abzocke|zu spät|falsch)`,
]);

export const PRAISE = re([
  `${B}(?:thanks?|thank you|thx|ty|kudos|shout ?out|props to|appreciate|love|loving|loved|best|great|amazing|awesome|excellent|fantastic|wonderful|brilliant|recommend|impressed|perfect)${E}`,
  `${B}(?:danke|dankeschön|vielen dank|lob|liebe|lieben|bester?|beste[nm]?|super|toll|klasse|genial|top|spitze|hervorragend|empfehlenswert|zufrieden|begeistert|perfekt|wunderbar|großartig|richtig gut)`,
]);

export const SPAM = re([
  `${B}(?:free followers|follow (?:me|back|for follow)|f4f|like4like|l4l|followme|check out my|click (?:here|the link)|dm (?:me|now)|link in (?:my )?bio)${E}`,
  `${B}(?:earn \\$?\\d+|make money|work from home|get rich|passive income|crypto|bitcoin|forex|casino|free spins|promo code|onlyfans|viagra|giveaway|100% free)${E}`,
  `${B}(?:gewinnspiel|verlosung|jetzt (?:teilen|mitmachen|kostenlos)|schnell reich|folgt mir|folge mir|gratis|rabattcode|gutscheincode|nebenverdienst)`,
]);

/** Built-in crisis terms (config adds more, globally or per brand). */
export const DEFAULT_CRISIS_TERMS: readonly string[] = [
  'recall', 'recalled', 'recalling', 'lawsuit', 'class action', 'sued', 'suing', 'boycott', 'data breach', 'breach', 'hacked', 'data leak', 'leaked',
  'outage', 'food poisoning', 'salmonella', 'listeria', 'e. coli', 'contaminated', 'contamination', 'discrimination', 'discriminat', 'racist',
  'racism', 'sexist', 'harassment', 'fraud', 'explosion', 'exploded', 'caught fire', 'injured', 'toxic', 'poisoned', 'scandal', 'shitstorm',
  'rückruf', 'klage', 'verklagen', 'sammelklage', 'boykott', 'datenleck', 'datenpanne', 'hackerangriff', 'gehackt', 'totalausfall', 'großstörung',
  'lebensmittelvergiftung', 'salmonellen', 'listerien', 'verunreinigt', 'diskriminierung', 'diskriminier', 'rassismus', 'rassistisch', 'sexistisch',
  'belästigung', 'betrug', 'skandal', 'explodiert', 'verletzte', 'giftig', 'massenentlassung', 'layoffs',
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Counts occurrences of a term list's terms in a text. */
export interface Terms {
  /** Occurrences, counted up to `cap`. */
  count(text: string, cap: number): number;
}

/** One regex for a term list: a left word boundary for short terms, none for long ones (German compounds). */
export function compileTerms(terms: readonly string[]): Terms | null {
  const uniq = [...new Set(terms.map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 2))];
  if (uniq.length === 0) return null;
  uniq.sort((a, b) => b.length - a.length);
  const exact = new RegExp(uniq.map((t) => (t.length < 6 ? `${B}${escape(t)}` : escape(t))).join('|'), 'gu');
  // Without the boundaries: a superset that rules most texts out faster (see re()).
  const loose = new RegExp(uniq.map(escape).join('|'), 'u');
  return {
    count(text, cap) {
      if (!loose.test(text)) return 0;
      exact.lastIndex = 0;
      let n = 0;
      while (n < cap && exact.exec(text) !== null) n++;
      exact.lastIndex = 0;
      return n;
    },
  };
}
