/**
 * Errors carry a stable code, whether retrying can help, the stage that raised
 * them and their cause. Code paths decide by `retryable`, never by message text.
 */
export interface EarshotErrorOptions {
  code: string;
  retryable?: boolean;
  stage?: string;
  cause?: unknown;
}

export class EarshotError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly stage: string | undefined;

  constructor(message: string, options: EarshotErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.retryable = options.retryable ?? false;
    this.stage = options.stage;
  }
}

/** Bad configuration: the process refuses to start. `path` names the key, e.g. `brands[1].query`. */
export class ConfigError extends EarshotError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[], file?: string) {
    const where = file ? `${file}: ` : '';
    super(
      `${where}invalid configuration:\n` + issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n'),
      { code: 'config_invalid' },
    );
    this.issues = issues;
  }
}

export interface ConfigIssue {
  path: string;
  message: string;
}

/** Bad input data (a malformed mention, payload or request). Never retried; dead-lettered. */
export class ValidationError extends EarshotError {
  readonly field: string | undefined;
  constructor(message: string, field?: string, cause?: unknown) {
    super(field ? `${field}: ${message}` : message, { code: 'invalid_input', retryable: false, cause });
    this.field = field;
  }
}

/** A transient failure (timeout, 5xx, 429, connection reset). `retryAfterMs` is the server's advice. */
export class RetryableError extends EarshotError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: Omit<EarshotErrorOptions, 'retryable'> & { retryAfterMs?: number }) {
    super(message, { ...options, retryable: true });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A failure retrying cannot fix (4xx, bad credentials, rejected payload). */
export class PermanentError extends EarshotError {
  constructor(message: string, options: Omit<EarshotErrorOptions, 'retryable'>) {
    super(message, { ...options, retryable: false });
  }
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof EarshotError) return err.retryable;
  // Unknown errors (network resets, driver hiccups) are assumed transient.
  return true;
}

export function errorCode(err: unknown): string {
  if (err instanceof EarshotError) return err.code;
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return 'unknown';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
