import { configOption, type Command } from './command.ts';

const command: Command = {
  name: 'alerter',
  summary: 'Run the alerter role alone (split deployment; needs CLICKHOUSE_URL or sole use of the embedded store).',
  usage: '[--config F]',
  options: { ...configOption },
  run: async ({ values }) => (await import('../roles.ts')).runRoles(['alerter'], values.config as string | undefined),
};
export default command;
