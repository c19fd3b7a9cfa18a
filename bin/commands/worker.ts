import { configOption, type Command } from './command.ts';

const command: Command = {
  name: 'worker',
  summary: 'Run the worker role alone (split deployment; needs CLICKHOUSE_URL or sole use of the embedded store).',
  usage: '[--config F]',
  options: { ...configOption },
  run: async ({ values }) => (await import('../roles.ts')).runRoles(['worker'], values.config as string | undefined),
};
export default command;
