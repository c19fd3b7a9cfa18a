/**
 * Speed check for brand matching: 10 brands against 100k short real posts.
 * Run: npx tsx pipeline/stages/match-brands/bench.ts
 * Reads the public eval texts in place (../shared/data); synthetic texts when absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { compileBrands, matchBrands } from './index.ts';

const N = 100_000;
const files = ['../shared/data/sentiment/semeval2013-2016_train_dev.jsonl', '../shared/data/sentiment/sb10k.jsonl'];
let texts: string[] = [];
for (const f of files) {
  if (!existsSync(f)) continue;
  for (const line of readFileSync(f, 'utf8').split('\n')) if (line) texts.push((JSON.parse(line) as { text: string }).text);
}
if (texts.length === 0) {
  console.log('../shared/data absent: using synthetic texts');
  texts = ['@acme my new phone broke again, worst support ever #fail', 'Die Bahn ist schon wieder zu spät! Danke für nichts', 'Loving the new iPhone 15 camera 😍 https://apple.com/iphone'];
}
const sample = Array.from({ length: N }, (_, i) => texts[i % texts.length] as string);

const brands = compileBrands([
  { name: 'apple', query: 'apple OR iphone* OR ipad OR @apple OR "tim cook" -"apple pie" -"apple juice"', languages: [] },
  { name: 'samsung', query: 'samsung OR galaxy NEAR/3 phone OR #samsung', languages: [] },
  { name: 'bahn', query: '"deutsche bahn" OR @DB_Bahn OR (bahn AND (verspätung OR zug* OR spät))', languages: ['de'] },
  { name: 'google', query: 'google OR android OR gmail OR @google', languages: ['en'] },
  { name: 'microsoft', query: 'microsoft OR windows NEAR/5 update OR xbox OR "bill gates"', languages: [] },
  { name: 'nike', query: 'nike OR "just do it" OR #nike -"nike goddess"', languages: [] },
  { name: 'tesla', query: '(tesla OR musk) AND NOT "nikola tesla"', languages: [] },
  { name: 'amazon', query: 'amazon OR prime NEAR/2 video OR kindle OR alexa -rainforest', languages: [] },
  { name: 'telekom', query: 'telekom OR t-mobile OR "magenta tv" OR @deutschetelekom', languages: ['de', 'en'] },
  { name: 'mcdonalds', query: "mcdonald's OR mcdonalds OR \"big mac\" OR mcdo*", languages: [] },
]);

for (let round = 0; round < 5; round++) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let matched = 0;
  for (const text of sample) if (matchBrands(brands, text, 'und').length > 0) matched++;
  const ms = performance.now() - t0;
  // CPU time is the fairer number on a shared machine; wall time includes waiting for a core.
  const cpuMs = process.cpuUsage(cpu0).user / 1000;
  console.log(`round ${round + 1}: ${N} texts × ${brands.length} brands: ${cpuMs.toFixed(0)} ms CPU, ${ms.toFixed(0)} ms wall (${((cpuMs * 1000) / N).toFixed(2)} µs/text), ${matched} matched`);
}
