import { configOption, type Command } from './command.ts';

const command: Command = {
  name: 'start',
  summary: 'Run every role in one process: scheduler, pipeline worker, alerter, API and web page.',
  usage: '[--config F]',
  options: { ...configOption },
  run: async ({ values }) => (await import('../roles.ts')).runRoles(['scheduler', 'worker', 'alerter', 'api'], values.config as string | undefined),
};
export default command;
