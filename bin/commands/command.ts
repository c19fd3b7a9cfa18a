import type { ParseArgsConfig } from 'node:util';

/** One `earshot` subcommand; registered with one line in bin/commands/index.ts. */
export interface Command {
  /** As typed: `start`, `config check`, `token create`. */
  name: string;
  summary: string;
  /** Usage line after `earshot <name>`, e.g. `FILE [--speed max|N] [--json]`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  /** Returns the process exit code. */
  run(args: { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] }): Promise<number>;
}

/** The `--config F` option every command that reads config takes. */
export const configOption = { config: { type: 'string', short: 'c' } } as const;
