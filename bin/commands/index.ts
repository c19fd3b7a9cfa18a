import type { Command } from './command.ts';
import configCheck from './config-check.ts';
import migrateCmd from './migrate.ts';
import replayCmd from './replay.ts';
import classify from './classify.ts';
import start from './start.ts';
import scheduler from './scheduler.ts';
import worker from './worker.ts';
import alerter from './alerter.ts';
import api from './api.ts';
import train from './train.ts';
import detect from './detect.ts';
import backfill from './backfill.ts';
import { tokenCommands } from './token.ts';

/** Every subcommand: one line each. */
export const commands: Command[] = [
  configCheck,
  migrateCmd,
  replayCmd,
  classify,
  start,
  scheduler,
  worker,
  alerter,
  api,
  train,
  detect,
  backfill,
  ...tokenCommands,
];
