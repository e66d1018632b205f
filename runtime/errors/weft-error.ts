import { type ErrorCode, errorCatalogue } from './catalogue.js';

const marker = Symbol.for('weft.error');

export type ErrorCategory = 'user' | 'system' | 'third_party';

/**
 * The one error type of the runtime. Every throw site uses a code from the catalogue
 * (`runtime/errors/catalogue.ts`, documented in `docs/errors.md`); message, HTTP status,
 * category and `retryable` default from the catalogue entry.
 *
 * @example
 * throw new WeftError('RUN_NOT_FOUND', { details: { runId } });
 * if (WeftError.isInstance(error) && error.retryable) retry();
 */
export class WeftError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read by `isInstance` (`marker in value`), across package copies
  private readonly [marker] = true;

  constructor(
    code: ErrorCode,
    options: {
      message?: string;
      details?: Record<string, unknown>;
      cause?: unknown;
      retryable?: boolean;
    } = {},
  ) {
    const entry = errorCatalogue[code];
    super(
      options.message ?? entry.message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = entry.type;
    this.code = code;
    this.category = entry.category;
    this.retryable = options.retryable ?? entry.retryable;
    this.status = entry.status;
    this.details = options.details;
  }

  /** True for a WeftError from any copy of the package. */
  static isInstance(error: unknown): error is WeftError {
    return typeof error === 'object' && error !== null && marker in error;
  }

  toJSON(): { code: string; message: string; details?: Readonly<Record<string, unknown>> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
