import { WeftError } from './weft-error.js';

/**
 * A {@link WeftError} raised by an agent; `code` names the catalogue entry of type `AgentError`.
 *
 * @example
 * try { await run(); } catch (error) { if (error instanceof AgentError) console.log(error.code); }
 */
export class AgentError extends WeftError {}
