import { isAbsolute, relative } from 'node:path';

/**
 * Where a command writes, and whether it may use colour. Built once by `main` from the process;
 * tests may pass their own.
 *
 * @example
 * io.out('3 errors, 0 warnings in 4 manifests');
 */
export interface CliIo {
  /** Writes one line (a newline is added) to standard output. */
  out(line: string): void;
  /** Writes one line (a newline is added) to standard error. */
  err(line: string): void;
  /** ANSI colours on standard output: only on a TTY and when NO_COLOR is unset. */
  readonly color: boolean;
  /** The working directory that relative paths are resolved against. */
  readonly cwd: string;
}

/** Exit codes of every `weft` command. */
export const exitCodes = { ok: 0, errors: 1, usage: 2 } as const;

/**
 * The IO of the running process.
 *
 * @example
 * const io = processIo();
 */
export function processIo(): CliIo {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    color: process.stdout.isTTY === true && !noColor,
    cwd: process.cwd(),
  };
}

/**
 * A path as shown to the user: relative to the working directory when inside it, else absolute.
 *
 * @example
 * displayPath('/srv/p', '/srv/p/.weft/graph.json'); // '.weft/graph.json'
 */
export function displayPath(cwd: string, path: string): string {
  const relativePath = relative(cwd, path);
  return relativePath === ''
    ? '.'
    : relativePath.startsWith('..') || isAbsolute(relativePath)
      ? path
      : relativePath;
}
