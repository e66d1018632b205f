import { weftError } from '../errors/create-weft-error.js';

/**
 * Throws `STEP_OUTPUT_TOO_LARGE` when the JSON of `output` is longer than `limitBytes` (UTF-8).
 * Scalars are never measured.
 *
 * @example
 * checkOutputSize({ n: 1 }, 1_048_576, 'lookup'); // fine
 */
export function checkOutputSize(output: unknown, limitBytes: number, path: string): void {
  if (typeof output !== 'object' || output === null || !Number.isFinite(limitBytes)) return;
  const json = JSON.stringify(output);
  if (json === undefined || json.length * 3 <= limitBytes) return;
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > limitBytes) {
    throw weftError('STEP_OUTPUT_TOO_LARGE', { details: { step: path, bytes, limitBytes } });
  }
}
