/**
 * The program of the worker thread that owns a PGlite database (`PgliteWorkerDriver`), as the
 * source text of an ES module (started from a `data:` URL): it needs no build step and runs the
 * same from the compiled package and from the TypeScript sources. It imports PGlite (and pgvector) from the
 * module URLs in `workerData`, opens the database, posts `{ kind: 'ready' }` (or `'failed'`), then
 * answers each request `{ id, kind, tx?, sql?, params?, path?, text? }` with `{ id, rows }` or
 * `{ id, error }`. Kinds: `query`, `exec`, `simple` (one statement through the simple query
 * protocol, answered with its rows: a prepared statement's `EXECUTE`; outside a transaction through
 * `execProtocol` under PGlite's locks, as `simpleStatement` does in-thread), `copy` (`sql` a COPY from the file `path` of PGlite's
 * in-memory file system, written with `text` first and removed after: see `copyFromFile`), `begin` (opens transaction `tx`; its statements carry `tx`), `commit`, `rollback`,
 * `close`. Requests run in arrival order (PGlite queues them on its one connection).
 * An error crosses as plain data: its name, message and Postgres fields, never the statement's
 * parameters (they may hold user data).
 *
 * @example
 * new Worker(new URL(`data:text/javascript,${encodeURIComponent(pgliteWorkerSource)}`), { workerData });
 */
export const pgliteWorkerSource = String.raw`
import { parentPort, workerData } from 'node:worker_threads';
const errorFields = ['code', 'severity', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'constraint', 'routine'];
const transactions = new Map();
let database;
let pglite;

function errorData(error) {
  const data = { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
  if (error !== null && typeof error === 'object') {
    for (const field of errorFields) {
      const value = error[field];
      if (typeof value === 'string' || typeof value === 'number') data[field] = value;
    }
  }
  return data;
}

async function open() {
  pglite = await import(workerData.pgliteUrl);
  const { PGlite } = pglite;
  const options = { dataDir: workerData.dataDir, startParams: [...PGlite.defaultStartParams, ...workerData.startParams] };
  if (workerData.vectorUrl !== undefined) {
    const { vector } = await import(workerData.vectorUrl);
    options.extensions = { vector };
  }
  database = await PGlite.create(options);
}

function target(request) {
  if (request.tx === undefined) return database;
  const transaction = transactions.get(request.tx);
  if (transaction === undefined) throw new Error('no open transaction ' + request.tx);
  return transaction.tx;
}

function begin(request) {
  return new Promise((started, failed) => {
    const transaction = {};
    transaction.done = new Promise((commit, rollback) => {
      transaction.commit = commit;
      transaction.rollback = rollback;
    });
    transaction.settled = database
      .transaction((tx) => {
        transaction.tx = tx;
        transactions.set(request.tx, transaction);
        started([]);
        return transaction.done;
      })
      .catch((error) => {
        transactions.delete(request.tx);
        failed(error);
        throw error;
      });
    // Awaited by finish(); marked handled here so a transaction that never started cannot crash the thread.
    transaction.settled.catch(() => undefined);
  });
}

async function finish(request, commit) {
  const transaction = transactions.get(request.tx);
  if (transaction === undefined) return [];
  transactions.delete(request.tx);
  if (commit) transaction.commit();
  else transaction.rollback(new Error('rolled back'));
  await (commit ? transaction.settled : transaction.settled.catch(() => undefined));
  return [];
}

async function copyThroughFile(executor, request) {
  const fs = database.Module.FS;
  const folder = request.path.slice(0, request.path.lastIndexOf('/'));
  if (!fs.analyzePath(folder).exists) fs.mkdirTree(folder);
  fs.writeFile(request.path, Buffer.from(request.text));
  try {
    await executor.exec(request.sql);
  } finally {
    fs.unlink(request.path);
  }
}

// simpleStatement (plugins/pglite/simple-statement.ts) for this thread's database, outside transactions:
// execProtocol under the two locks exec takes, without exec's log line and (for a folder or memory://) its sync.
function simpleStatement(sql) {
  const message = pglite.protocol.serialize.query(sql);
  const syncToFs = /^(idb|opfs-ahp):\/\//.test(database.dataDir ?? '');
  return database._runExclusiveTransaction(() =>
    database._runExclusiveQuery(async () => {
      await database._checkReady();
      const { messages } = await database.execProtocol(message, { syncToFs });
      const [result] = pglite.parse.parseResults(messages, database.parsers);
      return result === undefined ? [] : result.rows;
    }),
  );
}

async function handle(request) {
  switch (request.kind) {
    case 'query':
      return (await target(request).query(request.sql, request.params)).rows;
    case 'exec':
      await target(request).exec(request.sql);
      return [];
    case 'simple': {
      if (request.tx === undefined) return simpleStatement(request.sql);
      const [result] = await target(request).exec(request.sql);
      return result === undefined ? [] : result.rows;
    }
    case 'copy':
      await copyThroughFile(target(request), request);
      return [];
    case 'begin':
      return begin(request);
    case 'commit':
      return finish(request, true);
    case 'rollback':
      return finish(request, false);
    case 'close':
      if (!database.closed) await database.close();
      return [];
    default:
      throw new Error('unknown request ' + request.kind);
  }
}

const opened = open();
opened.then(
  () => parentPort.postMessage({ kind: 'ready' }),
  (error) => parentPort.postMessage({ kind: 'failed', error: errorData(error) }),
);

parentPort.on('message', (request) => {
  opened
    .then(() => handle(request))
    .then(
      (rows) => parentPort.postMessage({ id: request.id, rows }),
      (error) => parentPort.postMessage({ id: request.id, error: errorData(error) }),
    )
    .then(() => {
      if (request.kind === 'close') parentPort.close();
    });
});
`;
