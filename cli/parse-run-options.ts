/** A usage problem of a run command (bad `--input`, `--data` or `--wait`): exit 2 with this message. */
export class RunUsageError extends Error {}

/**
 * Parses a JSON option (`--input`, `--data`).
 *
 * @example
 * parseJsonOption('{"orderId":"o-1"}', '--input'); // { orderId: 'o-1' }
 */
export function parseJsonOption(text: string, option: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RunUsageError(
      `${option} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const units: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Parses `--wait` (`500ms`, `30s`, `2m`, `1h`, or a number of seconds) into milliseconds.
 *
 * @example
 * parseWait('30s'); // 30000
 */
export function parseWait(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (match?.[1] === undefined)
    throw new RunUsageError(`--wait must be a duration such as 500ms, 30s or 2m (got "${text}")`);
  return Math.round(Number(match[1]) * (units[match[2] ?? 's'] ?? 1_000));
}
