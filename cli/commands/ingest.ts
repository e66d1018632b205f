import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { IngestProgress } from '../../runtime/rag/knowledge-types.js';
import type { Weft } from '../../runtime/weft.js';
import type { CliIo } from '../cli-io.js';
import { RunUsageError } from '../parse-run-options.js';
import { reportRunError } from '../report-run-error.js';

/**
 * `weft ingest <knowledge> [dir] [--force]`: loads a knowledge base's sources (files and inline
 * texts), embeds the new and changed documents, skips the unchanged ones and deletes the ones no
 * source lists any more, in the project's own storage and vector store (so a later `weft serve`
 * finds them). Progress goes to stderr (a bar on a terminal, one line per document otherwise), the
 * summary `{ knowledge, documents, chunks, skipped, deleted }` to stdout as JSON. Exit 0 ok, 1
 * failed, 2 bad input (unknown knowledge base, a file that does not parse) or refused.
 *
 * The command opens the project in this process. When a live process (`weft serve`) holds the
 * project's embedded storage, it refuses (exit 2) instead of going through the host: an ingest is a
 * batch job that should not compete with a serving host; stop the host, ingest, start it again (or
 * send documents to the host's `POST /api/knowledge/<name>/documents`).
 *
 * @example
 * weft ingest help-center definitions
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('ingest')
    .description("load a knowledge base's sources into its vector index; prints a JSON summary")
    .argument('<knowledge>', 'the knowledge base name')
    .argument('[dir]', 'the project folder (where weft.yaml is)', '.')
    .option('--force', 're-embed documents whose content has not changed')
    .action(async (knowledge: string, dir: string, options: { force?: boolean }) => {
      let weft: Weft | undefined;
      try {
        weft = await openProject(resolve(io.cwd, dir));
        const rag = weft.getKnowledge(knowledge);
        const progress = progressReporter(io);
        const started = performance.now();
        const summary = await rag.ingest({ force: options.force === true, onProgress: progress.update });
        progress.done();
        io.err(
          `weft ingest: ${summary.knowledge}: ${summary.documents} documents (${summary.chunks} chunks) indexed, ${summary.skipped} unchanged, ${summary.deleted} deleted in ${Math.round(performance.now() - started)} ms`,
        );
        io.out(JSON.stringify(summary));
        process.exitCode = 0;
      } catch (error) {
        reportRunError(io, 'ingest', error);
      } finally {
        await weft
          ?.close()
          .catch((error: unknown) => io.err(`weft ingest: closing the project failed: ${String(error)}`));
      }
    });
}

async function openProject(projectDir: string): Promise<Weft> {
  const { Weft } = await import('../../runtime/weft.js');
  const { WeftError } = await import('../../runtime/errors/weft-error.js');
  try {
    return await Weft.open(projectDir);
  } catch (error) {
    if (!(WeftError.isInstance(error) && error.code === 'STORAGE_LOCKED')) throw error;
    const url = error.details?.url;
    throw new RunUsageError(
      `the project storage is held by process ${String(error.details?.pid)}${typeof url === 'string' ? ` (serving ${url})` : ''}: stop it, run weft ingest, then start it again${typeof url === 'string' ? `, or POST the documents to ${url}/api/knowledge/<name>/documents` : ''}`,
    );
  }
}

/** A progress bar on a terminal's stderr; plain lines when stderr is not a terminal. */
function progressReporter(io: CliIo): { update: (progress: IngestProgress) => void; done: () => void } {
  const stderr = process.stderr;
  if (stderr.isTTY !== true) {
    return {
      update: (step) => io.err(`  ${step.action} ${step.document} (${step.done}/${step.total})`),
      done: () => undefined,
    };
  }
  let drawn = false;
  return {
    update(step) {
      const width = 24;
      const filled = step.total === 0 ? width : Math.round((step.done / step.total) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      const line = `${bar} ${step.done}/${step.total} ${step.action} ${step.document}`;
      const columns = stderr.columns ?? 80;
      stderr.write(`\r\u001b[2K${line.length > columns - 1 ? line.slice(0, columns - 1) : line}`);
      drawn = true;
    },
    done() {
      if (drawn) stderr.write('\r\u001b[2K');
    },
  };
}
