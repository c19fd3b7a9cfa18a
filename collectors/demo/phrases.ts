/**
 * Sentence templates for the demo stream, by intent and language. `{b}` is a
 * brand, `{c}` a competitor (or another brand), `{p}` a product word.
 */
export type DemoIntent = 'question' | 'complaint' | 'praise' | 'lead' | 'crisis' | 'neutral' | 'spam';

export const TEMPLATES: Record<'de' | 'en', Record<DemoIntent, string[]>> = {
  en: {
    question: [
      'Does anyone know if {b} ships to Austria? Can\'t find it on their site',
      'How do I reset my {p} from {b}? The manual is useless',
      '@{h} is there a student discount for the new {b} {p}?',
      'Quick question: does the {b} {p} work without an account?',
    ],
    complaint: [
      'Third time my {b} {p} stopped working this month. Support hasn\'t answered in 4 days. Really disappointed',
      '{b} charged me twice and nobody replies to my emails. Terrible service',
      'Waited 2 hours on the {b} hotline today. Still no refund for the broken {p}',
      'The new {b} app update broke everything, can\'t even log in #fail',
    ],
    praise: [
      'Honestly the {b} {p} is the best thing I bought this year. Love it!',
      'Shout-out to the {b} support team, fixed my problem in 10 minutes 🙌',
      'Switched from {c} to {b} and never looking back, great quality',
      'Great experience with {b} today, friendly staff and fast delivery ⭐⭐⭐⭐⭐',
    ],
    lead: [
      'Thinking about buying a {p} — {b} or {c}? Any recommendations?',
      'Looking for a new {p} for my team of 20, does {b} do business plans?',
      'Ready to switch from {c}, what does {b} cost per month?',
      'Need a {p} before Friday, is {b} worth the price?',
    ],
    crisis: [
      'My {b} {p} caught fire while charging!! This is dangerous, everyone check yours #recall',
      'Data breach at {b}? I just got a password reset email I never asked for. Is this a scam or were they hacked?',
      '{b} is ignoring a safety defect, several people injured. Boycott until they respond',
      'Lawsuit incoming: {b} sold us a faulty {p} and refuses a recall',
    ],
    neutral: [
      'Reading the {b} quarterly report, revenue up 4% year over year',
      '{b} announced a new {p} at the trade show today',
      'Comparing {b} and {c} for a blog post, results next week',
    ],
    spam: ['WIN a free {b} {p}!!! click here bit.ly/xx-free-prize 💰💰💰', 'Cheap {b} {p} 90% off best price DM me now'],
  },
  de: {
    question: [
      'Weiß jemand, ob {b} auch nach Österreich liefert?',
      'Wie setze ich meinen {p} von {b} zurück? Die Anleitung hilft nicht',
      '@{h} gibt es einen Studentenrabatt für das neue {b} {p}?',
      'Kurze Frage: funktioniert das {b} {p} auch ohne Konto?',
    ],
    complaint: [
      'Schon wieder ist mein {b} {p} kaputt. Der Kundenservice antwortet seit Tagen nicht. Echt enttäuschend',
      '{b} hat mir doppelt abgebucht und niemand meldet sich. Katastrophaler Service',
      'Zwei Stunden in der {b} Hotline gewartet und immer noch keine Erstattung',
      'Das neue Update der {b} App ist eine Katastrophe, Login geht nicht mehr',
    ],
    praise: [
      'Ehrlich, das {b} {p} ist der beste Kauf dieses Jahres. Super!',
      'Großes Lob an den {b} Support, Problem in 10 Minuten gelöst 🙌',
      'Von {c} zu {b} gewechselt und total zufrieden, tolle Qualität',
      'Richtig gute Erfahrung mit {b} heute, freundlich und schnelle Lieferung',
    ],
    lead: [
      'Ich will mir ein neues {p} kaufen — {b} oder {c}? Empfehlungen?',
      'Suche ein {p} für unser Team mit 20 Leuten, hat {b} Business-Tarife?',
      'Überlege von {c} zu wechseln, was kostet {b} im Monat?',
      'Brauche bis Freitag ein {p}, lohnt sich {b}?',
    ],
    crisis: [
      'Mein {b} {p} hat beim Laden gebrannt!! Gefährlich, bitte prüft eure Geräte #Rückruf',
      'Datenleck bei {b}? Ich habe eine Passwort-Mail bekommen, die ich nie angefordert habe',
      '{b} ignoriert einen Sicherheitsmangel, mehrere Verletzte. Boykott!',
      'Wir verklagen {b}: defektes {p} und kein Rückruf',
    ],
    neutral: [
      '{b} hat heute auf der Messe ein neues {p} vorgestellt',
      'Quartalszahlen von {b}: Umsatz plus 4 Prozent',
      'Vergleiche gerade {b} und {c} für einen Blogartikel',
    ],
    spam: ['GEWINNE ein gratis {b} {p}!!! Klick hier bit.ly/xx-gewinn 💰💰💰'],
  },
};

export const PRODUCTS = { en: ['phone', 'router', 'smartwatch', 'plan', 'headset'], de: ['Handy', 'Router', 'Smartwatch', 'Tarif', 'Headset'] };

export const AUTHORS: Array<{ name: string; followers: number }> = [
  { name: 'lena_k', followers: 312 },
  { name: 'techmarkus', followers: 48_200 },
  { name: 'sarah.writes', followers: 1_250 },
  { name: 'j_schmidt84', followers: 87 },
  { name: 'dailygadgetnews', followers: 215_000 },
  { name: 'tom_h', followers: 640 },
  { name: 'mia_reviews', followers: 12_900 },
  { name: 'peter_berlin', followers: 23 },
  { name: 'customer_voice', followers: 4_410 },
  { name: 'anna.m', followers: 158 },
];

/** Intent weights: mostly ordinary talk, crisis words rare. */
export const INTENT_WEIGHTS: Array<[DemoIntent, number]> = [
  ['neutral', 20],
  ['question', 20],
  ['complaint', 20],
  ['praise', 18],
  ['lead', 12],
  ['spam', 5],
  ['crisis', 5],
];
