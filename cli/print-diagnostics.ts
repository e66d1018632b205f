import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../compiler/diagnostic.js';
import { formatDiagnostic, formatSummary } from '../compiler/format-diagnostic.js';
import type { CliIo } from './cli-io.js';

async function sourceOf(
  dir: string,
  file: string,
  cache: Map<string, string | undefined>,
): Promise<string | undefined> {
  if (cache.has(file)) return cache.get(file);
  let text: string | undefined;
  try {
    const bytes = await readFile(join(dir, file));
    text = bytes.length > 4 * 1024 * 1024 || bytes.includes(0) ? undefined : bytes.toString('utf8');
  } catch {
    text = undefined;
  }
  cache.set(file, text);
  return text;
}

/**
 * Prints each diagnostic with its hint and code frame, then the summary line
 * (`N errors, M warnings in K manifests`).
 *
 * @example
 * await printDiagnostics(io, '/srv/project', result.diagnostics, result.manifestCount);
 */
export async function printDiagnostics(
  io: CliIo,
  dir: string,
  diagnostics: readonly Diagnostic[],
  manifestCount: number,
): Promise<void> {
  const cache = new Map<string, string | undefined>();
  for (const diagnostic of diagnostics) {
    const source = await sourceOf(dir, diagnostic.file, cache);
    io.out(formatDiagnostic(diagnostic, { source, color: io.color }));
  }
  io.out(formatSummary(diagnostics, manifestCount));
}
