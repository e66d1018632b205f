import { WeftError } from './weft-error.js';

/**
 * A {@link WeftError} raised by an integration; `code` names the catalogue entry of type `IntegrationError`.
 *
 * @example
 * try { await run(); } catch (error) { if (error instanceof IntegrationError) console.log(error.code); }
 */
export class IntegrationError extends WeftError {}
