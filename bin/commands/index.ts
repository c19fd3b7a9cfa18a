import type { Command } from './command.ts';
import configCheck from './config-check.ts';
import migrateCmd from './migrate.ts';
import replayCmd from './replay.ts';
import detect from './detect.ts';
import { tokenCommands } from './token.ts';

/** Every subcommand: one line each. */
export const commands: Command[] = [
  configCheck,
  migrateCmd,
  replayCmd,
  detect,
  ...tokenCommands,
];
