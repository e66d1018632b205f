import type { CliIo } from './cli-io.js';
import { RunUsageError } from './parse-run-options.js';
import { runExitCodes } from './run-output.js';

interface CodedError {
  readonly code: string;
  readonly message: string;
  readonly status?: number;
  readonly category?: string;
  readonly details?: unknown;
}

/**
 * Prints why a run command could not do its job on stderr and sets the exit code: 2 for bad
 * input and refused commands (usage errors, 4xx-class errors such as `VALIDATION_FAILED` with its
 * JSON pointer, unknown names or ids, a run that is not suspended), 1 otherwise.
 *
 * @example
 * try { ... } catch (error) { reportRunError(io, 'run', error); }
 */
export function reportRunError(io: CliIo, command: string, error: unknown): void {
  if (error instanceof RunUsageError) {
    io.err(`weft ${command}: ${error.message}`);
    process.exitCode = runExitCodes.refused;
    return;
  }
  const coded = codedOf(error);
  if (coded === undefined) {
    io.err(`weft ${command}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = runExitCodes.failed;
    return;
  }
  io.err(`weft ${command}: ${coded.code} ${coded.message}`);
  for (const line of detailLines(coded.details)) io.err(`  ${line}`);
  // Only a host answers 401: the command went through one that requires an API key.
  if (coded.status === 401)
    io.err('  the host that holds the project requires an API key: set WEFT_API_KEY to one of its keys');
  const refused =
    coded.category === 'user' || (coded.status !== undefined && coded.status >= 400 && coded.status < 500);
  process.exitCode = refused ? runExitCodes.refused : runExitCodes.failed;
}

function codedOf(error: unknown): CodedError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return error as CodedError;
}

/** The JSON pointer of a validation error and the compiler diagnostics of an invalid project. */
function detailLines(details: unknown): string[] {
  if (typeof details !== 'object' || details === null) return [];
  const lines: string[] = [];
  const { pointer, diagnostics } = details as { pointer?: unknown; diagnostics?: unknown };
  if (typeof pointer === 'string') lines.push(`at ${pointer === '' ? '(the whole value)' : pointer}`);
  if (Array.isArray(diagnostics)) {
    for (const d of diagnostics as {
      file?: string;
      line?: number;
      column?: number;
      severity?: string;
      code?: string;
      message?: string;
    }[]) {
      lines.push(
        `${d.file ?? ''}:${d.line ?? 0}:${d.column ?? 0}: ${d.severity ?? 'error'} ${d.code ?? ''} ${d.message ?? ''}`,
      );
    }
  }
  return lines;
}
