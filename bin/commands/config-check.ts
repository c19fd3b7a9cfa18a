import { ConfigError } from '../../core/errors.ts';
import { loadConfig } from '../../config/load.ts';
import type { Command } from './command.ts';

const command: Command = {
  name: 'config check',
  summary: 'Validate a config file (default: $EARSHOT_CONFIG or config/default.yaml); exit 0 if valid, 1 if not.',
  usage: '[FILE]',
  options: {},
  positionals: true,
  async run({ positionals }) {
    try {
      const cfg = loadConfig(positionals[0]);
      const sources = cfg.demo ? 'demo source only (no sources configured)' : `${cfg.sources.length} source(s)`;
      process.stdout.write(`${cfg.file}: ok — ${cfg.brands.length} brand(s), ${sources}\n`);
      return 0;
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(err.message + '\n');
        return 1;
      }
      throw err;
    }
  },
};
export default command;
