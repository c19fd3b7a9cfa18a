import { loadConfig } from '../../config/load.ts';
import { SystemClock } from '../../core/clock.ts';
import { createLogger } from '../../core/logger.ts';
import { openRedis } from '../../core/runtime.ts';
import { createAuth, isRole, ROLES, type Auth } from '../../api/auth.ts';
import { configOption, type Command } from './command.ts';

/** Runs `fn` with the token store of the configured Redis (the one the API reads). */
async function withAuth(configFile: string | undefined, fn: (auth: Auth) => Promise<number>): Promise<number> {
  const config = loadConfig(configFile);
  const logger = createLogger();
  const handle = await openRedis(config, logger);
  try {
    return await fn(createAuth({ redis: handle.connect(), prefix: config.redis.prefix, clock: new SystemClock() }));
  } finally {
    await handle.close();
  }
}

const create: Command = {
  name: 'token create',
  summary: `Create an API token; prints it once (only its hash is stored). Roles: ${ROLES.join(', ')}.`,
  usage: '--role R --name N [--config F]',
  options: { ...configOption, role: { type: 'string' }, name: { type: 'string' } },
  async run({ values }) {
    const role = String(values.role ?? '');
    const name = String(values.name ?? '').trim();
    if (!isRole(role)) {
      process.stderr.write(`earshot token create: --role must be one of ${ROLES.join(', ')}\n`);
      return 2;
    }
    if (!name) {
      process.stderr.write('earshot token create: --name is required (the agent or integration the token is for)\n');
      return 2;
    }
    return withAuth(values.config as string | undefined, async (auth) => {
      const { token, id } = await auth.create(name, role);
      process.stderr.write(`created token ${id} for ${name} (${role}); it is shown only now:\n`);
      process.stdout.write(token + '\n');
      return 0;
    });
  },
};

const list: Command = {
  name: 'token list',
  summary: 'List API tokens (id, name, role, created); never the tokens themselves.',
  usage: '[--config F]',
  options: { ...configOption },
  run: ({ values }) =>
    withAuth(values.config as string | undefined, async (auth) => {
      for (const t of await auth.list()) process.stdout.write(`${t.id}\t${t.role}\t${t.name}\t${t.createdAt}\n`);
      return 0;
    }),
};

const revoke: Command = {
  name: 'token revoke',
  summary: 'Revoke API tokens by id or name; effective immediately.',
  usage: 'ID|NAME [--config F]',
  options: { ...configOption },
  positionals: true,
  run: ({ values, positionals }) => {
    const target = positionals[0];
    if (!target) {
      process.stderr.write('earshot token revoke: give the token id or name\n');
      return Promise.resolve(2);
    }
    return withAuth(values.config as string | undefined, async (auth) => {
      if (await auth.revoke(target)) {
        process.stdout.write(`revoked ${target}\n`);
        return 0;
      }
      process.stderr.write(`no token with id or name "${target}"\n`);
      return 1;
    });
  },
};

/** `token create`, `token list`, `token revoke`. */
export const tokenCommands: Command[] = [create, list, revoke];
