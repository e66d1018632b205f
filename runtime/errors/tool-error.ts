import { WeftError } from './weft-error.js';

/**
 * A {@link WeftError} raised by a tool call; `code` names the catalogue entry of type `ToolError`.
 *
 * @example
 * try { await run(); } catch (error) { if (error instanceof ToolError) console.log(error.code); }
 */
export class ToolError extends WeftError {}
