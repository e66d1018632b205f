import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StorageError } from '../../runtime/errors/storage-error.js';
import type { WeftError } from '../../runtime/errors/weft-error.js';
import type {
  SqlDriver,
  SqlExecutor,
  SqlQueryOptions,
  SqlRow,
} from '../../runtime/storage/sql/sql-driver.js';
import { copyFromFile } from './copy-from-file.js';
import { LiteralPreparedStatements } from './literal-prepared-statements.js';
import { pgliteStorageError } from './pglite-errors.js';
import { pgliteWorkerSource } from './pglite-worker-source.js';

/**
 * How the worker thread opens its database.
 *
 * @example
 * const options: PgliteWorkerOptions = { dataDir: 'memory://', startParams: ['-c', 'shared_buffers=32MB'], vector: true };
 */
export interface PgliteWorkerOptions {
  /** A folder, or `memory://`. */
  readonly dataDir: string;
  /** Start parameters added to PGlite's own (`PGlite.defaultStartParams`). */
  readonly startParams: readonly string[];
  /** Load the pgvector extension. */
  readonly vector: boolean;
}

/** An error as the worker sends it: name, message and the Postgres fields. */
interface ErrorData {
  readonly name: string;
  readonly message: string;
  readonly [field: string]: string | number;
}

type RequestKind = 'query' | 'exec' | 'simple' | 'copy' | 'begin' | 'commit' | 'rollback' | 'close';
type Reply =
  | { readonly id: number; readonly rows: SqlRow[] }
  | { readonly id: number; readonly error: ErrorData };
type StartMessage = { readonly kind: 'ready' } | { readonly kind: 'failed'; readonly error: ErrorData };

interface Pending {
  readonly resolve: (rows: SqlRow[]) => void;
  readonly reject: (error: unknown) => void;
}

const require = createRequire(import.meta.url);
const workerUrl = new URL(`data:text/javascript,${encodeURIComponent(pgliteWorkerSource)}`);

/**
 * Starts the worker thread that owns a PGlite database and resolves once the database is open
 * (rejects with the open failure, the thread stopped).
 *
 * @example
 * const worker = await startPgliteWorker({ dataDir: 'memory://', startParams: [], vector: false });
 */
export function startPgliteWorker(options: PgliteWorkerOptions): Promise<Worker> {
  const worker = new Worker(workerUrl, {
    // The thread runs plain JavaScript: no loader flags of the parent (tsx) are needed there.
    execArgv: [],
    workerData: {
      pgliteUrl: pathToFileURL(require.resolve('@electric-sql/pglite')).href,
      vectorUrl: options.vector
        ? pathToFileURL(require.resolve('@electric-sql/pglite-pgvector')).href
        : undefined,
      dataDir: options.dataDir,
      startParams: [...options.startParams],
    },
  });
  return new Promise<Worker>((resolve, reject) => {
    const fail = (error: unknown) => {
      worker.off('exit', exited);
      void worker.terminate();
      reject(error);
    };
    const exited = (code: number) => fail(new Error(`the PGlite thread exited (code ${code}) while opening`));
    worker.once('error', fail);
    worker.once('exit', exited);
    worker.once('message', (message: StartMessage) => {
      worker.off('error', fail);
      worker.off('exit', exited);
      if (message.kind === 'ready') resolve(worker);
      else fail(errorFromData(message.error));
    });
  });
}

/**
 * The `SqlDriver` over a PGlite database that lives in its own worker thread
 * (`startPgliteWorker`), the `thread: 'worker'` option of `PgliteStorage`: PGlite runs Postgres
 * as WebAssembly synchronously on the thread that calls it, so in its own thread a long statement
 * (an ingest, an index build) never blocks the host's event loop. Each statement is
 * one message each way (parameters and rows are structured-cloned). Transactions hold PGlite's one
 * connection until they end, as in-thread. Failures become `STORAGE_FAILED` (the thread's error
 * as `cause`, with the Postgres fields but never the parameters); a thread that stops fails every
 * pending and later statement with `STORAGE_UNAVAILABLE`. The thread keeps the process alive only
 * while a statement is pending.
 *
 * @example
 * const driver = new PgliteWorkerDriver(() => startPgliteWorker({ dataDir: 'memory://', startParams: [], vector: false }));
 * await driver.query('SELECT 1');
 */
export class PgliteWorkerDriver implements SqlDriver {
  readonly name = 'pglite';
  readonly #open: () => Promise<Worker>;
  #worker: Promise<Worker> | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #stopped: WeftError | undefined;
  readonly #prepared = new LiteralPreparedStatements();

  constructor(open: () => Promise<Worker>) {
    this.#open = open;
  }

  /** True once the thread was started (so `close()` has something to close). */
  get opened(): boolean {
    return this.#worker !== undefined;
  }

  query(sql: string, params: readonly unknown[] = [], options: SqlQueryOptions = {}): Promise<SqlRow[]> {
    return this.#query(sql, params, options);
  }

  /**
   * A statement, in transaction `tx` when given. A hot one (`prepare`) runs as `EXECUTE` of a
   * statement prepared once in the thread's session (`LiteralPreparedStatements`, as in-thread):
   * PGlite then neither parses nor plans it again (W1, a 50-step chain: 14 ms per run instead of
   * 24 ms); anything else binds its parameters.
   */
  async #query(
    sql: string,
    params: readonly unknown[],
    options: SqlQueryOptions,
    tx?: number,
  ): Promise<SqlRow[]> {
    if (options.prepare === true) {
      const simple = (statement: string) => this.#statement('simple', statement, undefined, tx);
      const text = await this.#prepared.executeText(simple, sql, params);
      if (text !== undefined) {
        try {
          return await this.#request('simple', { sql: text, tx });
        } catch (error) {
          throw pgliteStorageError(error, sql);
        }
      }
    }
    return this.#statement('query', sql, [...params], tx);
  }

  async exec(sql: string): Promise<void> {
    await this.#statement('exec', sql);
  }

  async copyRows(table: string, columns: readonly string[], text: string): Promise<void> {
    await this.#copy(table, columns, text);
  }

  async #copy(table: string, columns: readonly string[], text: string, tx?: number): Promise<void> {
    const { path, sql } = copyFromFile(table, columns, this.#nextId++);
    try {
      await this.#request('copy', { sql, path, text, tx });
    } catch (error) {
      throw pgliteStorageError(error, sql);
    }
  }

  async transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const tx = this.#nextId++;
    try {
      await this.#request('begin', { tx });
    } catch (error) {
      throw pgliteStorageError(error, 'BEGIN');
    }
    let result: T;
    try {
      result = await body({
        query: (sql, params = [], options = {}) => this.#query(sql, params, options, tx),
        exec: async (sql) => {
          await this.#statement('exec', sql, undefined, tx);
        },
        copyRows: (table, columns, text) => this.#copy(table, columns, text, tx),
      });
    } catch (error) {
      await this.#request('rollback', { tx }).catch(() => undefined);
      throw pgliteStorageError(error, 'transaction');
    }
    try {
      await this.#request('commit', { tx });
    } catch (error) {
      throw pgliteStorageError(error, 'COMMIT');
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.#worker === undefined) return;
    const worker = await this.#worker.catch(() => undefined);
    if (worker === undefined) return;
    if (this.#stopped === undefined) await this.#request('close', {}).catch(() => undefined);
    this.#stopped ??= closedError();
    await worker.terminate();
  }

  async #statement(kind: RequestKind, sql: string, params?: unknown[], tx?: number): Promise<SqlRow[]> {
    try {
      return await this.#request(kind, { sql, ...(params === undefined ? {} : { params }), tx });
    } catch (error) {
      throw pgliteStorageError(error, sql);
    }
  }

  async #request(
    kind: RequestKind,
    fields: { sql?: string; params?: unknown[]; path?: string; text?: string; tx?: number | undefined },
  ) {
    const worker = await this.#started();
    if (this.#stopped !== undefined) throw this.#stopped;
    const id = this.#nextId++;
    return new Promise<SqlRow[]>((resolve, reject) => {
      if (this.#pending.size === 0) worker.ref();
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, kind, ...fields });
    });
  }

  #started(): Promise<Worker> {
    if (this.#worker === undefined) {
      this.#worker = this.#open().then((worker) => {
        worker.on('message', (reply: Reply) => this.#settle(worker, reply));
        worker.on('error', (error) => this.#stop(unavailable(error)));
        worker.on('exit', (code) => this.#stop(code === 0 ? closedError() : unavailable(code)));
        worker.unref();
        return worker;
      });
    }
    return this.#worker;
  }

  #settle(worker: Worker, reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) worker.unref();
    if ('error' in reply) pending.reject(errorFromData(reply.error));
    else pending.resolve(reply.rows);
  }

  #stop(error: WeftError): void {
    this.#stopped ??= error;
    for (const pending of this.#pending.values()) pending.reject(this.#stopped);
    this.#pending.clear();
  }
}

/** The worker's error as an `Error` with the same name, message and Postgres fields. */
function errorFromData(data: ErrorData): Error {
  const { name, message, ...fields } = data;
  return Object.assign(new Error(message), fields, { name });
}

function unavailable(reason: unknown): WeftError {
  const detail = reason instanceof Error ? reason.message : `exit code ${String(reason)}`;
  return new StorageError('STORAGE_UNAVAILABLE', {
    message: `PGlite: the database thread stopped (${detail}).`,
    ...(reason instanceof Error ? { cause: reason } : {}),
  });
}

function closedError(): WeftError {
  return new StorageError('STORAGE_UNAVAILABLE', { message: 'PGlite: the database is closed.' });
}
