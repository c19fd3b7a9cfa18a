import { z } from 'zod';

/** `sources[].options` of a `webhook` source (push: served by the API role at `POST /ingest/<name>`). */
export const webhookOptions = z
  .object({
    /** Shared HMAC-SHA256 secret, e.g. ${WEBHOOK_PARTNER_SECRET}; at least 16 characters. Required. */
    secret: z.string().min(16, 'set a shared secret of at least 16 characters, e.g. ${WEBHOOK_PARTNER_SECRET}'),
    /** Largest request body accepted, in bytes; larger answers 413. Default 1048576 (1 MiB). */
    maxBodyBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
    /** How far the signed timestamp may be from our clock, in seconds; older answers 401. Default 300. */
    toleranceSeconds: z.number().int().min(10).max(3600).default(300),
    /** Most mentions one request may carry; more answers 413. Default 10000. */
    maxItems: z.number().int().min(1).max(1_000_000).default(10_000),
  })
  .strict();

export type WebhookOptions = z.output<typeof webhookOptions>;
