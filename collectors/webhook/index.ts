import { PermanentError } from '../../core/errors.ts';
import { defineCollector } from '../types.ts';
import { webhookOptions } from './config.ts';

export default defineCollector({
  type: 'webhook',
  description: 'Push: signed POST /ingest/<name> from vendors and partner feeds (served by the api role, never polled)',
  push: true,
  options: webhookOptions,
  create: (_options, deps) => ({
    collect: () =>
      Promise.reject(
        new PermanentError(`source "${deps.name}" is a webhook (push) source: senders POST to /ingest/${deps.name}; it cannot be polled or backfilled`, {
          code: 'push_source',
        }),
      ),
  }),
});
