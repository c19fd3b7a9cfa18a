import { configOption, type Command } from './command.ts';

const command: Command = {
  name: 'api',
  summary: 'Run the api role alone (split deployment; needs CLICKHOUSE_URL or sole use of the embedded store).',
  usage: '[--config F]',
  options: { ...configOption },
  run: async ({ values }) => (await import('../roles.ts')).runRoles(['api'], values.config as string | undefined),
};
export default command;
