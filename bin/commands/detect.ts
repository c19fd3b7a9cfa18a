import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { scoreCsv } from '../../pipeline/detect-spikes/csv.ts';
import type { Command } from './command.ts';

const command: Command = {
  name: 'detect',
  summary: 'Score a timestamp,value CSV causally: the same rows plus anomaly_score (0..1); bad rows get an empty score and a message on stderr.',
  usage: '[--input F] [--output F]',
  options: { input: { type: 'string', short: 'i' }, output: { type: 'string', short: 'o' } },
  async run({ values }) {
    const input = typeof values.input === 'string' ? createReadStream(values.input) : process.stdin;
    const output = typeof values.output === 'string' ? createWriteStream(values.output) : process.stdout;
    let bad = 0;
    try {
      const result = await scoreCsv(input, output, (m) => {
        process.stderr.write(`earshot detect: ${m}\n`);
      });
      bad = result.badRows;
    } catch (err) {
      process.stderr.write(`earshot detect: ${(err as Error).message}\n`);
      return 1;
    } finally {
      if (output !== process.stdout) {
        output.end();
        await finished(output).catch(() => undefined);
      }
    }
    // Bad rows were reported and kept; exit 0 so a pipeline keeps the scored file, but say how many.
    if (bad > 0) process.stderr.write(`earshot detect: ${bad} bad row(s) kept with an empty anomaly_score\n`);
    return 0;
  },
};
export default command;
