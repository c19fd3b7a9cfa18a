import { detectLanguage } from '../understand/language.ts';
import { dataAvailable, DATA_DIR, loadSplits, type LabelledText } from './data.ts';
import { evaluateIntents, INTENT_TEST_FILE, INTENT_TRAIN_FILE, readIntentRows } from './intent-eval.ts';
import type { Scores } from './metrics.ts';
import { afinnScorer, CLASSES, earshotScorer, evaluate, vaderScorer, type Scorer } from './sentiment-eval.ts';

/** `npm run eval`: sentiment on the held-apart test splits, language detection, intents on earshot's own sets. */

const pct = (x: number): string => x.toFixed(3);

function printScores(name: string, s: Scores): void {
  console.log(`  ${name.padEnd(22)} macro-F1 ${pct(s.macroF1)}  accuracy ${pct(s.accuracy)}  (F1 neg ${pct(s.perClass.negative?.f1 ?? 0)} neu ${pct(s.perClass.neutral?.f1 ?? 0)} pos ${pct(s.perClass.positive?.f1 ?? 0)})`);
  console.log(`  ${''.padEnd(22)} confusion (rows gold, cols predicted; neg/neu/pos): ${CLASSES.map((g) => CLASSES.map((p) => s.confusion[g]?.[p] ?? 0).join('/')).join('  ')}`);
}

function sentimentSection(title: string, rows: readonly LabelledText[], scorers: [string, Scorer][]): void {
  console.log(`\n${title} (n=${rows.length})`);
  for (const [name, scorer] of scorers) printScores(name, evaluate(rows, scorer));
}

function main(): void {
  if (!dataAvailable()) {
    console.log(`sentiment/language eval skipped: the public data folder ${DATA_DIR} (../shared/data) is absent.`);
  } else {
    const splits = loadSplits();
    const scorers: [string, Scorer][] = [['earshot', earshotScorer()], ['earshot rules only', earshotScorer('none')], ['sentiment (AFINN)', afinnScorer], ['vader-sentiment', vaderScorer]];
    console.log('SENTIMENT — 3-class, TEST splits only (30% of each set by FNV-1a hash of the id; thresholds were tuned on the other 70%)');
    for (const lang of ['de', 'en'] as const) {
      const test = splits[lang].test;
      sentimentSection(`${lang} test, all sets pooled`, test, scorers);
      const sets = [...new Set(test.map((r) => r.set))];
      if (sets.length > 1) for (const set of sets) sentimentSection(`${lang} test, ${set}`, test.filter((r) => r.set === set), scorers);
    }
    console.log('\nLANGUAGE DETECTION (eld small, after removing URLs/@/#) on the test splits');
    for (const lang of ['de', 'en'] as const) {
      const test = splits[lang].test;
      let ok = 0;
      let und = 0;
      for (const r of test) {
        const l = detectLanguage(r.text);
        if (l === lang) ok++;
        else if (l === 'und') und++;
      }
      console.log(`  ${lang}: correct ${pct(ok / test.length)}, und ${pct(und / test.length)}, other ${pct(1 - (ok + und) / test.length)} (n=${test.length}; the sets hold some posts in other languages)`);
    }
  }
  for (const [title, file] of [['INTENTS — held-out test file (never trained or tuned on)', INTENT_TEST_FILE], ['INTENTS — training file (for reference; the model has seen it)', INTENT_TRAIN_FILE]] as const) {
    const rows = readIntentRows(file);
    console.log(`\n${title}: ${file.replace(/.*\/pipeline\//, 'pipeline/')} (n=${rows.length})`);
    for (const [name, s] of Object.entries(evaluateIntents(rows))) {
      console.log(`  ${name.padEnd(12)} precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}  (support ${s.support})`);
    }
  }
}

main();
