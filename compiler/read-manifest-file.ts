import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { makeDiagnostic } from './make-diagnostic.js';

/** Largest manifest file accepted, in bytes (4 MiB). */
export const maxManifestFileBytes = 4 * 1024 * 1024;

const start = { line: 1, column: 1 };
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one manifest file as UTF-8 text, refusing files over 4 MiB, binary files (a NUL byte)
 * and invalid UTF-8. Never throws.
 *
 * @example
 * const read = await readManifestFile('/srv/project', 'workflows/order.yaml');
 * if ('text' in read) parseSource('workflows/order.yaml', read.text);
 */
export async function readManifestFile(
  dir: string,
  file: string,
): Promise<{ text: string } | { diagnostic: Diagnostic }> {
  const path = join(dir, file);
  try {
    const info = await stat(path);
    if (info.size > maxManifestFileBytes) {
      const megabytes = (info.size / 1024 / 1024).toFixed(1);
      const message = `The file is ${megabytes} MiB; manifests are limited to 4 MiB.`;
      return {
        diagnostic: makeDiagnostic('FILE_TOO_LARGE', file, start, '', message, {
          hint: 'Split it into several files.',
        }),
      };
    }
    const bytes = await readFile(path);
    if (bytes.includes(0)) {
      return {
        diagnostic: makeDiagnostic(
          'FILE_NOT_YAML',
          file,
          start,
          '',
          'The file holds a NUL byte: it is binary, not YAML text.',
        ),
      };
    }
    try {
      return { text: utf8.decode(bytes) };
    } catch {
      return {
        diagnostic: makeDiagnostic('FILE_NOT_YAML', file, start, '', 'The file is not valid UTF-8 text.'),
      };
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      diagnostic: makeDiagnostic('FILE_UNREADABLE', file, start, '', `The file cannot be read: ${reason}`),
    };
  }
}
