import type { ErrorCategory } from './weft-error.js';

/** The error types of the seed API; each catalogue entry names one. */
export type ErrorType = 'WeftError' | 'AgentError' | 'WorkflowError' | 'StorageError' | 'IntegrationError' | 'ToolError' | 'ValidationError';

export interface ErrorCatalogueEntry {
  readonly type: ErrorType;
  readonly message: string;
  /** HTTP status the host answers with. */
  readonly status: number;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
}

const entry = (type: ErrorType, status: number, category: ErrorCategory, retryable: boolean, message: string): ErrorCatalogueEntry => ({
  type,
  message,
  status,
  category,
  retryable,
});

/**
 * Every runtime error code. Codes are stable and never reused; `docs/errors.md` documents each
 * (a test checks both ways).
 */
export const errorCatalogue = {
  VALIDATION_FAILED: entry('ValidationError', 400, 'user', false, 'The data does not match its schema.'),
  INTERNAL: entry('WeftError', 500, 'system', false, 'An internal error occurred.'),
} as const satisfies Record<string, ErrorCatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;
