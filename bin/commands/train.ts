import { writeFileSync } from 'node:fs';
import { INTENT_NAMES } from '../../core/mention.ts';
import { readExamples } from '../../pipeline/understand/examples.ts';
import { train } from '../../pipeline/understand/model.ts';
import type { Command } from './command.ts';

const command: Command = {
  name: 'train',
  summary: 'Train the intent model on labelled mentions (JSONL: "text" plus "intents" or "label"); point understanding.intents.model at the output.',
  usage: '--input FILE --output FILE [--provenance TEXT] [--epochs N]',
  options: {
    input: { type: 'string', short: 'i' },
    output: { type: 'string', short: 'o' },
    provenance: { type: 'string' },
    epochs: { type: 'string' },
  },
  async run({ values }) {
    const input = values.input as string | undefined;
    const output = values.output as string | undefined;
    if (!input || !output) {
      process.stderr.write('earshot train: --input FILE and --output FILE are required\n');
      return 2;
    }
    const epochs = values.epochs === undefined ? 40 : Number(values.epochs);
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000) {
      process.stderr.write('earshot train: --epochs must be a whole number from 1 to 1000\n');
      return 2;
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
