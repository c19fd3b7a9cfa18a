import { createWriteStream } from 'node:fs';
import { buildConfig, loadConfig } from '../../config/load.ts';
import { createLogger } from '../../core/logger.ts';
import { configOption, type Command } from './command.ts';

const command: Command = {
  name: 'replay',
  summary: 'Replay a recorded JSONL(.gz) stream through the whole pipeline, on a simulated clock, into a fresh store of its own.',
  usage: 'FILE [--config F] [--speed max|N] [--json] [--alerts-out FILE] [--deliver] [--keep-store DIR]',
  options: {
    ...configOption, speed: { type: 'string' }, json: { type: 'boolean' }, 'keep-store': { type: 'string' },
    'alerts-out': { type: 'string' }, deliver: { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }) {
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      process.stderr.write('earshot replay: give exactly one FILE (.jsonl or .jsonl.gz)\n');
      return 2;
    }
    const speedArg = (values.speed as string | undefined) ?? 'max';
    const speed = speedArg === 'max' ? 'max' : Number(speedArg);
    if (speed !== 'max' && !(Number.isFinite(speed) && speed > 0)) {
      process.stderr.write(`earshot replay: --speed must be "max" or a positive number, got "${speedArg}"\n`);
      return 2;
    }
    // Without --config the replay keeps every mention (no brands to filter by).
    const config = values.config ? loadConfig(values.config as string) : buildConfig({ sources: [] }, '(no config)');
    const logger = createLogger({ level: 'warn' });
    const json = Boolean(values.json);
    // Loaded on use: the CLI starts fast for commands that need none of the pipeline.
    const { replay } = await import('../../pipeline/replay/replay.ts');
    const alertsOut = values['alerts-out'] ? createWriteStream(values['alerts-out'] as string) : null;
    const summary = await replay({
      file,
      config,
      logger,
      speed,
      storeDir: values['keep-store'] as string | undefined,
      deliver: Boolean(values.deliver),
      ...(alertsOut ? { onAlertEvent: (e: object) => alertsOut.write(JSON.stringify(e) + '\n') } : {}),
      onProgress: json || !process.stderr.isTTY ? undefined : (s) => process.stderr.write(`\rread ${s.read}  stored ${s.stored}  duplicates ${s.duplicates}  dead-lettered ${s.deadLettered}`),
    });
    if (alertsOut) await new Promise<void>((r) => alertsOut.end(() => r()));
    if (json) {
      process.stdout.write(JSON.stringify(summary) + '\n');
    } else {
      if (process.stderr.isTTY) process.stderr.write('\n');
      const brands = Object.entries(summary.brands).sort((a, b) => b[1] - a[1]).map(([b, n]) => `  ${b}: ${n}`).join('\n');
      process.stdout.write(
        `read ${summary.read}, stored ${summary.stored}, duplicates ${summary.duplicates}, ` +
          `dead-lettered ${summary.deadLettered}, unmatched ${summary.unmatched}\n` +
          `${summary.seconds.toFixed(1)} s, ${summary.mentionsPerSecond} mentions/s; simulated ${summary.simulatedFrom ?? '-'} → ${summary.simulatedTo ?? '-'}\n` +
          (brands ? `per brand:\n${brands}\n` : '') +
          `alerts fired: ${Object.entries(summary.alerts).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}\n` +
          (summary.deadLettered ? `dead letters by reason: ${JSON.stringify(summary.deadLetterReasons)}\n` : ''),
      );
    }
    return 0;
  },
};
export default command;
