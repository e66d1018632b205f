import { WeftError } from './weft-error.js';

/**
 * A {@link WeftError} raised by data that does not match its schema; `code` names the catalogue entry of type `ValidationError`.
 *
 * @example
 * try { await run(); } catch (error) { if (error instanceof ValidationError) console.log(error.code); }
 */
export class ValidationError extends WeftError {}
