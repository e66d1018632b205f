import { WeftError } from './weft-error.js';

/**
 * A {@link WeftError} raised by a workflow run or step; `code` names the catalogue entry of type `WorkflowError`.
 *
 * @example
 * try { await run(); } catch (error) { if (error instanceof WorkflowError) console.log(error.code); }
 */
export class WorkflowError extends WeftError {}
