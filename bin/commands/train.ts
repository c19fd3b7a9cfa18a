import { writeFileSync } from 'node:fs';
import { INTENT_NAMES } from '../../core/mention.ts';
import { readExamples, readSentimentExamples } from '../../pipeline/understand/examples.ts';
import { train } from '../../pipeline/understand/model.ts';
import { SENTIMENT_CLASSES, trainSentiment } from '../../pipeline/understand/sentiment-model.ts';
import type { Command } from './command.ts';

function fail(message: string): number {
  process.stderr.write(`earshot train: ${message}\n`);
  return 2;
}

const command: Command = {
  name: 'train',
  summary: 'Train the intent model (JSONL: "text" plus "intents" or "label") or, with --task sentiment, the English sentiment model (JSONL: "text", "label": negative|neutral|positive; --input may be a folder of .jsonl files); point understanding.intents.model or understanding.sentiment.model at the output.',
  usage: '[--task intents|sentiment] --input FILE|DIR --output FILE [--provenance TEXT] [--epochs N] [--min-confidence P]',
  options: {
    task: { type: 'string' },
    input: { type: 'string', short: 'i' },
    output: { type: 'string', short: 'o' },
    provenance: { type: 'string' },
    epochs: { type: 'string' },
    'min-confidence': { type: 'string' },
  },
  async run({ values }) {
    const input = values.input as string | undefined;
    const output = values.output as string | undefined;
    const task = (values.task as string | undefined) ?? 'intents';
    if (!input || !output) return fail('--input FILE and --output FILE are required');
    if (task !== 'intents' && task !== 'sentiment') return fail(`--task must be intents or sentiment (got "${task}")`);
    const epochs = values.epochs === undefined ? (task === 'intents' ? 40 : 30) : Number(values.epochs);
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000) return fail('--epochs must be a whole number from 1 to 1000');
    const minConfidence = values['min-confidence'] === undefined ? 0 : Number(values['min-confidence']);
    if (task === 'intents' && values['min-confidence'] !== undefined) return fail('--min-confidence applies to --task sentiment only');
    if (!(minConfidence >= 0 && minConfidence <= 1)) return fail('--min-confidence must be a number from 0 to 1');

    if (task === 'sentiment') {
      let read: ReturnType<typeof readSentimentExamples>;
      try {
        read = readSentimentExamples([input]);
      } catch (err) {
        process.stderr.write(`earshot train: cannot read ${input}: ${(err as Error).message}\n`);
        return 1;
      }
      for (const e of read.errors) process.stderr.write(`${e}\n`);
      if (read.examples.length === 0) {
        process.stderr.write(`earshot train: no usable English examples in ${input}\n`);
        return 1;
      }
      const provenance = (values.provenance as string | undefined) ?? `trained by earshot train --task sentiment on ${read.provenance}`;
      writeFileSync(output, JSON.stringify(trainSentiment(read.examples, { epochs, minConfidence, provenance })) + '\n');
      const counts = SENTIMENT_CLASSES.map((c) => `${c} ${read.examples.filter((e) => e.label === c).length}`).join(', ');
      process.stdout.write(`trained on ${read.examples.length} examples (${counts}); ${read.errors.length} line(s) skipped, ${read.otherLanguage} in other languages left out, ${read.duplicates} duplicate text(s); wrote ${output}\n`);
      return 0;
    }

    const { examples, errors } = readExamples(input);
    for (const e of errors) process.stderr.write(`${input}: ${e}\n`);
    if (examples.length === 0) {
      process.stderr.write(`earshot train: no usable examples in ${input}\n`);
      return 1;
    }
    const model = train(examples, { epochs, provenance: (values.provenance as string | undefined) ?? `trained by earshot train on ${input}` });
    writeFileSync(output, JSON.stringify(model) + '\n');
    const counts = INTENT_NAMES.map((n) => `${n} ${examples.filter((e) => e.intents.includes(n)).length}`).join(', ');
    process.stdout.write(`trained on ${examples.length} examples (${counts}); ${errors.length} line(s) skipped; wrote ${output}\n`);
    return errors.length > 0 && examples.length === 0 ? 1 : 0;
  },
};
export default command;
