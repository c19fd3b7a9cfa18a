/** English and German function words, dropped before counting terms (our own short lists, not derived from any lexicon). */
const EN = `a about above after again against all am an and any are aren't as at be because been before being below between both but by
can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't have
haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's
its itself just let's me more most mustn't my myself no nor not now of off on once only or other ought our ours ourselves out over own
same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll
you're you've your yours yourself yourselves also get got just like really still even much many one two via amp rt im dont cant`;

const DE = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anders auch auf aus bei bin bis
bist da damit dann das dass daß dein deine deinem deinen deiner dem den denn der des dessen deshalb die dies diese diesem diesen dieser
dieses doch dort du durch ein eine einem einen einer eines einig einige er es etwas euch euer eure für gegen gewesen hab habe haben hat
hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene
jetzt kann kein keine keinem keinen keiner können könnte machen man manche mein meine meinem meinen meiner mich mir mit muss musste
nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner sich sie sind so solche soll sollte sondern sonst
über um und uns unser unsere unter viel vom von vor wann war waren warum was weil welche wenn wer werde werden wie wieder will wir wird
wirst wo wurde wurden zu zum zur zwar zwischen gibt geht mal halt ja nein ganz immer heute`;

export const STOPWORDS: ReadonlySet<string> = new Set(`${EN} ${DE}`.split(/\s+/).filter(Boolean));
