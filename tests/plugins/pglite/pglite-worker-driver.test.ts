import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteWorkerDriver, startPgliteWorker } from '../../../plugins/pglite/pglite-worker-driver.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';

const repoDir = fileURLToPath(new URL('../../../', import.meta.url));

function memoryDriver(): PgliteWorkerDriver {
  return new PgliteWorkerDriver(() =>
    startPgliteWorker({ dataDir: 'memory://', startParams: [], vector: false }),
  );
}

async function failureOf(promise: Promise<unknown>): Promise<WeftError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!WeftError.isInstance(outcome)) throw new Error(`expected a WeftError, got ${String(outcome)}`);
  return outcome;
}

describe('PgliteWorkerDriver (PGlite in its own thread)', () => {
  const driver = memoryDriver();
  beforeAll(() => driver.exec('CREATE TABLE items (id text PRIMARY KEY, n bigint, doc jsonb)'), 120_000);
  afterAll(() => driver.close());

  it('runs statements with parameters and returns rows with PGlite types', async () => {
    await driver.query('INSERT INTO items (id, n, doc) VALUES ($1, $2, $3::jsonb)', ['a', 41, '{"k":[1,2]}']);
    const rows = await driver.query('SELECT id, n + 1 AS n, doc FROM items WHERE id = ANY($1::text[])', [
      ['a', 'b'],
    ]);
    expect(rows).toEqual([{ id: 'a', n: 42, doc: { k: [1, 2] } }]);
  });

  it('commits a transaction whose body resolves and rolls back one that throws', async () => {
    const kept = await driver.transaction(async (tx) => {
      await tx.query('INSERT INTO items (id, n) VALUES ($1, $2)', ['kept', 1]);
      return (await tx.query('SELECT count(*)::int AS c FROM items WHERE id = $1', ['kept']))[0]?.c;
    });
    expect(kept).toBe(1);
    const failure = await failureOf(
      driver.transaction(async (tx) => {
        await tx.query('INSERT INTO items (id, n) VALUES ($1, $2)', ['dropped', 1]);
        throw new Error('body failed');
      }),
    );
    expect(failure.code).toBe('STORAGE_FAILED');
    const rows = await driver.query('SELECT id FROM items WHERE id IN ($1, $2) ORDER BY id', [
      'dropped',
      'kept',
    ]);
    expect(rows).toEqual([{ id: 'kept' }]);
  });

  it('reports a failed statement as STORAGE_FAILED with the Postgres code, never the parameters', async () => {
    await driver.query('INSERT INTO items (id) VALUES ($1)', ['dup']);
    const failure = await failureOf(
      driver.query('INSERT INTO items (id, doc) VALUES ($1, $2::jsonb)', ['dup', '{"k":"dup-secret-value"}']),
    );
    expect(failure.code).toBe('STORAGE_FAILED');
    expect(failure.details).toEqual({ statement: 'INSERT INTO items (id, doc) VALUES ($1, $2::jsonb)' });
    expect((failure.cause as { code?: unknown }).code).toBe('23505');
    expect(JSON.stringify({ ...failure, cause: { ...(failure.cause as object) } })).not.toContain(
      'dup-secret-value',
    );
    const afterwards = await driver.query('SELECT count(*)::int AS c FROM items WHERE id = $1', ['dup']);
    expect(afterwards).toEqual([{ c: 1 }]);
  });

  it('keeps the order of statements sent without waiting', async () => {
    const writes = Array.from({ length: 50 }, (_, index) =>
      driver.query('INSERT INTO items (id, n) VALUES ($1, $2)', [`order-${index}`, index]),
    );
    const read = driver.query("SELECT count(*)::int AS c FROM items WHERE id LIKE 'order-%'");
    await Promise.all(writes);
    expect(await read).toEqual([{ c: 50 }]);
  });

  it('fails statements after close with STORAGE_UNAVAILABLE', async () => {
    const closing = memoryDriver();
    await closing.query('SELECT 1');
    await closing.close();
    expect((await failureOf(closing.query('SELECT 1'))).code).toBe('STORAGE_UNAVAILABLE');
  });

  it('fails opening with the PGlite error when the database cannot start', async () => {
    const broken = new PgliteWorkerDriver(() =>
      startPgliteWorker({ dataDir: 'memory://', startParams: ['-c', 'no_such_setting=1'], vector: false }),
    );
    const failure = await failureOf(broken.query('SELECT 1'));
    expect(failure.code).toBe('STORAGE_FAILED');
  });

  it('does not keep a process alive when nothing is pending (a script that never closes still exits)', async () => {
    const script = `
      import { PgliteWorkerDriver, startPgliteWorker } from './plugins/pglite/pglite-worker-driver.ts';
      const driver = new PgliteWorkerDriver(() => startPgliteWorker({ dataDir: 'memory://', startParams: [], vector: false }));
      const rows = await driver.query('SELECT 7 AS n');
      console.log(JSON.stringify(rows));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: '[{"n":7}]' });
  });
});
