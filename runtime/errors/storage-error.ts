import { WeftError } from './weft-error.js';

/**
 * A {@link WeftError} raised by a storage adapter; `code` names the catalogue entry of type `StorageError`.
 *
 * @example
 * try { await run(); } catch (error) { if (error instanceof StorageError) console.log(error.code); }
 */
export class StorageError extends WeftError {}
