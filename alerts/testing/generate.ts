import { generateStream, toJsonl, type Episode } from './stream.ts';

/**
 * Writes a generated stream as Mention JSONL to stdout, for `earshot replay`:
 *   node --import tsx alerts/testing/generate.ts --brand Acme --days 14 --seed 1 \
 *     --episode crisis@2026-03-12T15:07:00Z --episode campaign@2026-03-10T18:00:00Z > acme.jsonl
 * Episode types: crisis, slow_burn, campaign, bump. Use a config whose brand query matches the name.
 */
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const episodes: Episode[] = [];
args.forEach((a, i) => {
  if (a !== '--episode') return;
  const [type, at] = (args[i + 1] ?? '').split('@');
  if (!type || !at || !['crisis', 'slow_burn', 'campaign', 'bump'].includes(type)) {
    console.error(`--episode ${args[i + 1] ?? ''}: write TYPE@ISO-TIME, TYPE one of crisis, slow_burn, campaign, bump`);
    process.exit(2);
  }
  episodes.push({ type: type as Episode['type'], at });
});
process.stdout.write(
  toJsonl(generateStream({ brand: opt('brand') ?? 'Acme', days: Number(opt('days') ?? 14), seed: Number(opt('seed') ?? 1), episodes, ...(opt('start') ? { start: opt('start') as string } : {}) })),
);
