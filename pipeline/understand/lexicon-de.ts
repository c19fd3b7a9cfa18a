/**
 * earshot's German sentiment lexicon.
 *
 * Provenance: written by hand for earshot from general knowledge of German,
 * including social-media slang and the vocabulary of service complaints
 * (travel, retail, telecoms, software). It is NOT derived from SentiWS,
 * GermanPolarityClues or any labelled corpus. Licence: MIT, as the project.
 *
 * Weights use VADER's scale (-4 … +4). Entries are lower-case base forms; the
 * lookup strips common inflection suffixes (-e, -en, -er, -es, -em, -st, -t,
 * -est…), so "schlecht" also covers "schlechte", "schlechtesten".
 */
const ENTRIES = `
gerne:1.5 gern:1.4 lachen:1.5 lacht:1.5 gelacht:1.6 lächeln:1.8 lächelt:1.8 genießen:2.2 genießt:2.2 genossen:2 genial:3 feiern:1.6 feier:1.5 gefeiert:1.6 jubel:2.3 jubeln:2.2
schätzen:1.4 geschätzt:1.3 bewundern:2.2 bewundert:2.2 respekt:1.8 vertrauen:1.8 vertraue:1.8 überzeugt:1.8 überzeugend:2 beeindruckend:2.6 beeindruckt:2.4 bemerkenswert:1.8
frisch:1.2 gesund:1.6 lebendig:1.4 fröhlich:2.3 froh:2.1 heiter:1.8 munter:1.4 fit:1.3 motiviert:1.7
erfreulich:2.2 positiv:1.8 hoffnungsvoll:1.8 friedlich:1.7 frieden:1.8 freiheit:1.6 kuss:2 küsse:2 umarmung:2
gratulation:2.6 gratulieren:2.4 herzlichst:2.3 prost:1.5 sonnig:1.5 feierabend:1.3 lecker:2.3 traumhaft:3 paradies:2.5
weltklasse:3 legendär:2.6 kultig:1.8 lohnenswert:2.2 ansprechend:1.5 reibungslos:1.9 problemlos:1.9 unkompliziert:1.8 kulant:2 großzügig:2 gerecht:1.5
gewinner:2 sieg:2.2 siegen:2 gesiegt:2.2 meister:1.6 champion:2 geschafft:2 gelingt:1.8 gelungen:2.3 gelang:1.7 glückwünsche:2.7
sorgfältig:1.5 aufmerksam:1.6 geduldig:1.5 höflich:1.8 nett:1.9 netten:1.9 liebevoll:2.5 süss:2 schick:1.8 stylisch:1.8 gemütlich:1.9 sexy:2
unterirdisch:-3 katastrophe:-3.2 drama:-1.6 dramatisch:-1.6 peinlichkeit:-2.3 blamage:-2.5 blamiert:-2.4 versaut:-2.5 vermasselt:-2.5 verkackt:-2.6 verpennt:-1.4
kotzen:-2.8 kotzt:-2.8 ankotzen:-2.8 bescheiden:-1 mau:-1.5 dürftig:-1.8 lahm:-1.8 langsam:-1 träge:-1.5 schleppend:-1.7 umsonst:-0.6 vergeblich:-1.8
leid:-1.5 leiden:-2 gelitten:-1.9 schmerz:-2.2 schmerzen:-2.1 schmerzhaft:-2.2 weh:-1.8 elend:-2.6 mist:-2.4 pech:-1.8 unglück:-2.3 unglücklich:-2.3
gefährdet:-1.8 bedroht:-2 bedrohung:-2 drohen:-1.5 droht:-1.6 warnung:-1.5 warnt:-1.3 verbot:-1.4 verboten:-1.3 zwang:-1.7 gezwungen:-1.9 kritik:-1.5 kritisiert:-1.6 kritisch:-1.2
lüge:-2.6 täuschung:-2.4 manipulation:-2.3 manipuliert:-2.3 korrupt:-2.8 korruption:-2.8 heuchler:-2.6 heuchelei:-2.5 verrat:-2.6 verräter:-2.7 hetze:-2.6 hetzen:-2.3 nazi:-3 nazis:-3
schwachsinn:-2.7 blödsinn:-2.3 quatsch:-1.8 unsinn:-2 dummheit:-2.5 bekloppt:-2.4 behämmert:-2.4 dämlich:-2.4 spinner:-2 vollidiot:-3 arschloch:-3.2 wichser:-3.2 depp:-2.4 trottel:-2.4
kriminell:-2.6 verbrechen:-2.7 verbrecher:-2.8 gestohlen:-2.3 geklaut:-2.3 diebstahl:-2.4 raub:-2.5 verhaftet:-1.6 festgenommen:-1.5 bomben:-2 anschlag:-2.8 schüsse:-2.4
verzögerung:-1.7 verzögert:-1.7 verschoben:-1 abgesagt:-1.7 gestrichen:-1.6 storniert:-1.6 überlastet:-1.9 ausverkauft:-1.2 fehlend:-1.3 vergessen:-1.2 verloren:-1.9 verpeilt:-1.6
gestresst:-2 überfordert:-2.1 erschöpft:-1.9 kaputtgegangen:-2.3 ausgebrannt:-2.1 ängste:-1.8 panik:-2.4 hysterie:-2.1 fassungslos:-2.3 entsetzt:-2.6 entsetzlich:-2.9 erschreckend:-2.6 erschrocken:-2.1
wütend:-2.8 aggressiv:-2.2 gemein:-2.2 fies:-2.1 böse:-2.2 bosheit:-2.3 neid:-1.8 neidisch:-1.6 eifersüchtig:-1.6 hässlich:-2.4 schlampig:-2.1 schlamperei:-2.4 unprofessionell:-2.5
durchgefallen:-2 verpatzt:-2.3 misslungen:-2.3 gescheitert:-2.4 scheitern:-2.1 scheitert:-2.2 pleite:-2.2 bankrott:-2.4 arbeitslos:-1.9 armut:-2.2 hunger:-1.8 krise:-2.2 krisen:-2.2
zweifel:-1.2 zweifelhaft:-1.6 fraglich:-1 verdächtig:-1.6 unsicher:-1.3 unklar:-0.9 verwirrend:-1.4 verwirrt:-1.3 genervt:-2.4 gereizt:-1.9 beleidigt:-2 beleidigung:-2.5 beleidigend:-2.6
gut:1.9 super:2.9 toll:2.6 klasse:2.6 prima:2.3 spitze:2.8 spitzenmäßig:3 top:2.4 genial:3 grandios:3.1 großartig:3.1
wunderbar:3 wunderschön:3.2 schön:2.1 hübsch:1.8 herrlich:2.8 perfekt:3 exzellent:3.1 hervorragend:3.1 ausgezeichnet:3 fantastisch:3.2 phantastisch:3.2
geil:2.6 mega:1.5 krass:0.6 cool:2 nice:2.2 lecker:2.3 köstlich:2.6 stark:1.6 hammer:2.5 bombe:2.3 empfehlenswert:2.5 empfehlen:1.8 empfehle:1.9
lieb:2.1 liebe:2.6 lieben:2.7 liebt:2.6 geliebt:2.3 liebling:2.2 lieblings:1.5 mag:1.4 mögen:1.4 gefallen:1.8 gefällt:1.9 gefiel:1.8
freu:2.2 freue:2.3 freuen:2.2 freut:2.3 freude:2.5 gefreut:2.1 glücklich:2.8 glück:2.2 happy:2.6 zufrieden:2.2 zufriedenheit:2 begeistert:2.9 begeisterung:2.7
dank:1.7 danke:1.9 dankeschön:2.1 danken:1.7 dankbar:2.2 bedanken:1.6 bedanke:1.7 vielen:0.3 lob:2 loben:2 gelobt:1.8
spaß:2.3 lustig:1.8 witzig:1.7 freundlich:2.1 hilfsbereit:2.4 kompetent:2.2 zuverlässig:2.2 pünktlich:1.8 schnell:1.1 sauber:1.4 bequem:1.6 gemütlich:1.9
günstig:1.3 preiswert:1.6 fair:1.5 ehrlich:1.4 angenehm:2 entspannt:1.8 ruhig:0.8 sicher:1 gelungen:2.3 erfolgreich:2.2 erfolg:2 gewinn:1.5 gewonnen:2.2 gewinnen:1.7
beste:3 bester:3 best:3 besser:1.5 optimal:2.3 ideal:2.2 traumhaft:3 traum:2 süß:2 niedlich:2 cute:2 sympathisch:2 herzlich:2.4 willkommen:1.7
bravo:2.5 yeah:1.8 yay:2.4 juhu:2.5 jippie:2.5 hurra:2.5 wow:2.2 woah:1.5 omg:0.5 endlich:1.1 hoffentlich:0.6 hoffe:0.6 hoffnung:1.5 gratuliere:2.6 glückwunsch:2.8 herzlichen:1.5
funktioniert:1 klappt:1 läuft:0.4 hilft:1.3 geholfen:1.8 hilfreich:2 gelöst:1.8 lösung:1.2 behoben:1.5 verbessert:1.6 empfehlung:1.6 wertvoll:2 sinnvoll:1.7 nützlich:1.8 praktisch:1.5 einfach:0.6
awesome:3 great:2.6 love:2.9 amazing:3 epic:2.5 lol:1 haha:1.7 hahaha:2 hihi:1.5 xd:1.5 thx:1.5 thanks:1.9 win:1.5 yes:1
stolz:1.8 mutig:1.8 klug:1.8 schlau:1.6 intelligent:1.8 kreativ:1.8 innovativ:1.6 stabil:1.2 solide:1.4 souverän:1.8 charmant:2 elegant:1.9 lässig:1.4 entzückend:2.6
schlecht:-2.5 mies:-2.6 übel:-2.4 furchtbar:-2.9 schrecklich:-3 fürchterlich:-3 grausam:-3 grauenhaft:-3.1 grottig:-3 katastrophal:-3.3 katastrophe:-3.2 desaster:-3 debakel:-3
scheiße:-3.1 scheiss:-3 scheiß:-3 scheisse:-3.1 kacke:-2.8 mist:-2.4 beschissen:-3.2 dreck:-2.5 drecks:-2.8 müll:-2.5 schrott:-2.8 murks:-2.4 pfusch:-2.4 bullshit:-2.7
ätzend:-2.6 nervig:-2.4 nerv:-1.8 nervt:-2.4 nerven:-1.6 genervt:-2.4 nervend:-2.3 lästig:-2 ärgerlich:-2.4 ärger:-2.2 ärgern:-2 geärgert:-2.2 ärgert:-2.2 peinlich:-2.2
enttäuscht:-2.6 enttäuschend:-2.6 enttäuschung:-2.6 frust:-2.4 frustrierend:-2.6 frustriert:-2.5 wütend:-2.8 wut:-2.7 sauer:-2.3 stinksauer:-3 zorn:-2.7 empört:-2.5 empörend:-2.6 unverschämt:-2.8 unverschämtheit:-3
traurig:-2.2 trauer:-2.1 leider:-1.3 schade:-1.7 bedauerlich:-1.8 bedauern:-1.5 sorry:-0.5 angst:-2 ängstlich:-1.9 sorge:-1.5 sorgen:-1.4 besorgt:-1.6 schock:-2.4 schockiert:-2.5 schockierend:-2.7
hass:-3.2 hasse:-3.2 hassen:-3.1 hasst:-3.1 gehasst:-2.9 hate:-3 fail:-2.4 epicfail:-3 sucks:-2.5 wtf:-1.8 fuck:-2.5 fck:-2.3 damn:-1.5 shit:-2.6 crap:-2.4 bad:-2.4 worst:-3.1 sad:-2.1 omfg:-1.5
langweilig:-2 langeweile:-1.8 öde:-1.8 dumm:-2.3 doof:-2 blöd:-2.2 bescheuert:-2.5 idiot:-2.6 idioten:-2.6 idiotisch:-2.6 lächerlich:-2.3 absurd:-1.8 sinnlos:-2 nutzlos:-2.3 unbrauchbar:-2.6
teuer:-1.4 überteuert:-2.3 abzocke:-3 abzocker:-3 abgezockt:-2.9 betrug:-3 betrüger:-3.1 betrogen:-2.9 lüge:-2.6 lügen:-2.5 gelogen:-2.6 lügner:-2.9 frech:-1.8 dreist:-2.3
falsch:-1.6 fehler:-1.8 fehlerhaft:-2 problem:-1.7 probleme:-1.8 problematisch:-1.8 störung:-2 gestört:-2 stört:-1.6 defekt:-2.4 kaputt:-2.4 ausfall:-2.1 ausgefallen:-2.1 fällt:-0.3 abgestürzt:-2.2 absturz:-2.1 stürzt:-1.6
verspätung:-2 verspätet:-2 verspätungen:-2.1 unpünktlich:-2.2 verpasst:-1.6 warten:-1 wartezeit:-1.3 gewartet:-1.3 ewig:-1.2 stundenlang:-1.7 überfüllt:-2 voll:0 chaos:-2.4 chaotisch:-2.3 streik:-1.8 streiks:-1.8
unfreundlich:-2.4 unhöflich:-2.4 arrogant:-2.3 inkompetent:-2.8 inkompetenz:-2.8 unzuverlässig:-2.4 unfähig:-2.6 unmöglich:-2 unzumutbar:-2.8 zumutung:-2.7 frechheit:-2.8 skandal:-2.8 skandalös:-2.9 schande:-2.6
schmutzig:-2 dreckig:-2.4 eklig:-2.6 ekelhaft:-2.8 widerlich:-2.9 gruselig:-1.8 hässlich:-2.4 kalt:-0.5 laut:-0.5 eng:-0.6 unbequem:-1.8 stinkt:-2.2 stinken:-2 gestank:-2.1
schwach:-1.5 schwäche:-1.3 mangelhaft:-2.3 mangel:-1.5 ungenügend:-2.3 miserabel:-3 erbärmlich:-2.9 armselig:-2.5 jämmerlich:-2.6 traurigerweise:-1.6 schlimm:-2.4 schlimmer:-2.5 schlimmste:-3
krank:-1.8 krankheit:-1.6 tot:-2.4 tod:-2.6 tote:-2.5 sterben:-2.4 stirbt:-2.4 gestorben:-2.3 verletzt:-2.1 verletzte:-2.1 unfall:-2.2 opfer:-1.8 gefahr:-1.8 gefährlich:-2 gewalt:-2.6 angriff:-2 krieg:-2.8 terror:-3 mord:-3.1
verloren:-1.9 verlieren:-1.6 verlust:-1.8 niederlage:-2 versagt:-2.4 versagen:-2.4 versager:-2.6 pleite:-2.2 kündigen:-1.7 gekündigt:-1.9 kündigung:-1.8 beschwerde:-2 beschweren:-1.8 reklamation:-1.7
zu:0 ungerecht:-2.3 unfair:-2.2 diskriminierung:-2.8 rassistisch:-3 rassismus:-3 sexistisch:-2.8 shitstorm:-2.6 boykott:-2.2 datenleck:-2.6 rückruf:-1.5 klage:-1.5 verklagen:-1.8
schwierig:-1.2 kompliziert:-1.3 umständlich:-1.6 anstrengend:-1.6 stress:-1.8 stressig:-1.9 müde:-1.3 kaputtgemacht:-2.4 zerstört:-2.5 zerstören:-2.3 ruiniert:-2.6 verschlechtert:-2 schlimmer:-2.3
heulen:-1.8 weinen:-1.8 geweint:-1.8 schrei:-1 verzweifelt:-2.5 hilflos:-2.1 allein:-1 einsam:-2 vermisse:-0.8 vermissen:-0.8 fehlt:-0.9 kein:0 ignoriert:-2 ignorieren:-1.8 blockiert:-1.7 gesperrt:-1.8
autsch:-1.5 mimimi:-1.5 meh:-1.2 pfui:-2.4 igitt:-2.4 buh:-1.8 oje:-1.4 ohje:-1.4 oweh:-1.5 seufz:-1.3 grr:-2 argh:-2
`;

/** The German lexicon as a Map (built once at module load). */
export const GERMAN_LEXICON: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const pair of ENTRIES.split(/\s+/)) {
    if (!pair) continue;
    const i = pair.lastIndexOf(':');
    const w = Number(pair.slice(i + 1));
    if (i > 0 && Number.isFinite(w) && w !== 0) m.set(pair.slice(0, i), w);
  }
  return m;
})();

/** Heads of German compounds that carry the sentiment ("Zugausfall", "Signalstörung"). */
export const GERMAN_COMPOUND_HEADS: readonly (readonly [string, number])[] = [
  ['ausfall', -2], ['störung', -2], ['verspätung', -2], ['chaos', -2.3], ['problem', -1.7], ['probleme', -1.8], ['fehler', -1.7],
  ['katastrophe', -3], ['desaster', -3], ['skandal', -2.7], ['frust', -2.2], ['ärger', -2], ['müll', -2.3], ['schrott', -2.6], ['abzocke', -3],
  ['freude', 2.3], ['erlebnis', 0.8], ['glück', 2],
];

/** Intensifying / damping first parts of compounds ("Scheißwetter", "Hammerangebot"). */
export const GERMAN_COMPOUND_MODIFIERS: readonly (readonly [string, number])[] = [
  ['scheiß', -2.8], ['scheiss', -2.8], ['drecks', -2.6], ['mist', -2], ['horror', -2.4], ['katastrophen', -2.8], ['sau', 0],
  ['super', 2.4], ['mega', 1.8], ['hammer', 2.3], ['traum', 2.5], ['top', 2], ['spitzen', 2.4], ['lieblings', 1.6], ['wunsch', 0.8],
];

/** Words that invert the polarity of what they govern. */
export const GERMAN_NEGATORS: ReadonlySet<string> = new Set([
  'nicht', 'nich', 'net', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'nie', 'niemals', 'nichts', 'ohne', 'weder', 'nirgends', 'kaum',
]);

/** Multipliers for the word they precede. */
export const GERMAN_INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['sehr', 1.4], ['total', 1.4], ['voll', 1.35], ['mega', 1.5], ['extrem', 1.5], ['echt', 1.3], ['richtig', 1.3], ['wirklich', 1.3],
  ['absolut', 1.5], ['äußerst', 1.5], ['unglaublich', 1.5], ['super', 1.4], ['so', 1.2], ['sooo', 1.4], ['ganz', 1.15], ['besonders', 1.3],
  ['höchst', 1.4], ['tierisch', 1.4], ['verdammt', 1.4], ['zu', 1.15], ['viel', 1.15], ['ultra', 1.5], ['hyper', 1.4], ['ziemlich', 1.1],
  ['etwas', 0.7], ['bisschen', 0.6], ['bissl', 0.6], ['leicht', 0.7], ['eher', 0.75], ['relativ', 0.8], ['fast', 0.8], ['einigermaßen', 0.6],
]);

/** Clause-level contrast: what follows weighs more than what precedes. */
export const GERMAN_CONTRAST: ReadonlySet<string> = new Set(['aber', 'jedoch', 'allerdings', 'dennoch', 'trotzdem', 'sondern']);

/** "nicht nur …" is not a negation. */
export const GERMAN_NEGATION_BREAKERS: ReadonlySet<string> = new Set(['nur']);
