/**
 * English and German function words (plus web noise) left out of "rising
 * terms". Kept short on purpose: it is inlined into the panel SQL as an array
 * literal, and terms shorter than three letters are dropped anyway.
 */
const EN =
  'the and for are but not you all any can her was one our out has him his how its may new now old see two who did get had let put say she too use that with have this will your from they know want been good much some time very when come here just like long make many more only over such take than them well were what into also about after again being could does each even most must other should still their there these those through under until where which while would because before between both down during few further itself off once same then themselves very why yours http https www com amp'.split(' ');
const DE =
  'der die das und ist nicht ein eine einer eines einem einen ich sie wir ihr mit auf für von den dem des sich auch als noch wie bei aus nach wenn aber nur oder schon mal hat haben sind war wird werden kann mehr mein meine dein deine sein seine ihre unser euch uns man doch dass hier jetzt immer alle ganz sehr über vom zum zur beim bis durch gegen ohne unter weil damit diese dieser dieses jeder gibt geht gut ja nein'.split(' ');

export const STOPWORDS: readonly string[] = [...new Set([...EN, ...DE])].sort();

/** ClickHouse array literal; the words are ours (letters only), so quoting cannot break. */
export const stopwordsArray = (): string => `[${STOPWORDS.map((w) => `'${w}'`).join(',')}]`;
