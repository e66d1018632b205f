import { AgentError } from './agent-error.js';
import { type ErrorCode, type ErrorType, errorCatalogue } from './catalogue.js';
import { IntegrationError } from './integration-error.js';
import { StorageError } from './storage-error.js';
import { ToolError } from './tool-error.js';
import { ValidationError } from './validation-error.js';
import { WeftError } from './weft-error.js';
import { WorkflowError } from './workflow-error.js';

/** The options every WeftError constructor takes. */
export type WeftErrorOptions = NonNullable<ConstructorParameters<typeof WeftError>[1]>;

const classes: Record<ErrorType, typeof WeftError> = {
  WeftError,
  AgentError,
  WorkflowError,
  StorageError,
  IntegrationError,
  ToolError,
  ValidationError,
};

/**
 * Makes the error for a catalogue code as an instance of the subclass its entry names
 * (`RUN_NOT_FOUND` -> `WorkflowError`, `TOOL_NOT_FOUND` -> `ToolError`).
 *
 * @example
 * throw weftError('RUN_NOT_FOUND', { details: { runId } }); // instanceof WorkflowError
 */
export function weftError(code: ErrorCode, options: WeftErrorOptions = {}): WeftError {
  const ErrorClass = classes[errorCatalogue[code].type];
  return new ErrorClass(code, options);
}
