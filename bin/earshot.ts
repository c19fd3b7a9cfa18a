import { parseArgs } from 'node:util';
import { commands } from './commands/index.ts';
import type { Command } from './commands/command.ts';

function usage(): string {
  const lines = commands.map((c) => `  earshot ${c.name} ${c.usage}`.trimEnd() + `\n      ${c.summary}`);
  return `usage: earshot <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

function find(argv: string[]): { command: Command; rest: string[] } | null {
  // Longest name first, so `config check` wins over a hypothetical `config`.
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const c of sorted) {
    const words = c.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command: c, rest: argv.slice(words.length) };
  }
  return null;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(usage());
    return argv.length === 0 ? 2 : 0;
  }
  const found = find(argv);
  if (!found) {
    process.stderr.write(`earshot: unknown command "${argv.join(' ')}"\n\n${usage()}`);
    return 2;
  }
  const { command, rest } = found;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: command.positionals ?? false, strict: true });
  } catch (err) {
    process.stderr.write(`earshot ${command.name}: ${(err as Error).message}\nusage: earshot ${command.name} ${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: earshot ${command.name} ${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  return command.run({ values: parsed.values, positionals: parsed.positionals });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const e = err as Error;
    process.stderr.write(`earshot: ${e?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
