import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin, {
  PgliteStorage,
  PgliteWorkerDriver,
  readStorageLock,
  setStorageLockUrl,
  storageLockPath,
} from '../../../plugins/pglite/index.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { PluginRegistry } from '../../../runtime/plugins/plugin-registry.js';
import { getMessagesStatement } from '../../../runtime/storage/sql/message-statements.js';

const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const children: ChildProcess[] = [];

/** A process that is alive for the duration of a test, owned by someone else. */
async function liveForeignPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  if (child.pid === undefined) throw new Error('child did not start');
  return child.pid;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('child did not start');
  return child.pid;
}

async function writeLock(projectDir: string, lock: Record<string, unknown>): Promise<void> {
  await mkdir(join(projectDir, '.weft'), { recursive: true });
  await writeFile(storageLockPath(projectDir), JSON.stringify(lock));
}

// One project folder for the whole file: creating a data dir costs seconds, reopening it far less.
describe('PgliteStorage on disk', () => {
  let projectDir: string;
  beforeAll(async () => {
    projectDir = await mkdtemp(join(tmpdir(), 'weft-pglite-'));
  });
  afterAll(async () => {
    for (const child of children) child.kill();
    await rm(projectDir, { recursive: true, force: true });
  });

  it('reads back what it wrote after closing and reopening, in <project>/.weft/data', async () => {
    const first = new PgliteStorage({ projectDir });
    await first.init();
    const run = {
      id: 'r1',
      workflow: 'w',
      workflowHash: 'h',
      status: 'running' as const,
      input: { text: 'héllo 😀' },
      createdAt: 1,
      updatedAt: 1,
    };
    await first.createRun(run);
    await first.appendJournal([
      { runId: 'r1', path: 'a', attempt: 1, status: 'completed', output: [1, 2], startedAt: 1, endedAt: 2 },
    ]);
    await first.kvSet('ns', 'k', { v: 1 });
    await first.close();
    expect(await readStorageLock(projectDir)).toBeUndefined();

    const second = new PgliteStorage({ projectDir });
    await second.init();
    try {
      expect(await second.getRun('r1')).toEqual(run);
      expect(await second.getJournal('r1')).toEqual([
        { runId: 'r1', path: 'a', attempt: 1, status: 'completed', output: [1, 2], startedAt: 1, endedAt: 2 },
      ]);
      expect(await second.kvGet('ns', 'k')).toEqual({ v: 1 });
      expect((await readFile(join(projectDir, '.weft', 'data', 'PG_VERSION'), 'utf8')).trim()).toMatch(
        /^\d+$/,
      );
      // The journal's sequence hands out values from a cache of 1,000 per opening (PGlite has one
      // session): those the first opening did not use are skipped, never handed out again, so
      // entries written after reopening still come after the earlier ones.
      const [sequence] = await second
        .sqlDriver()
        .query("SELECT seqcache FROM pg_sequence WHERE seqrelid = 'weft_journal_seq_seq'::regclass");
      expect(Number(sequence?.seqcache)).toBe(1000);
      await second.appendJournal([{ runId: 'r1', path: 'b', attempt: 1, status: 'started', startedAt: 3 }]);
    } finally {
      await second.close();
    }
    const third = new PgliteStorage({ projectDir });
    await third.init();
    try {
      await third.appendJournal([{ runId: 'r1', path: 'c', attempt: 1, status: 'started', startedAt: 4 }]);
      expect((await third.getJournal('r1')).map((entry) => entry.path)).toEqual(['a', 'b', 'c']);
    } finally {
      await third.close();
    }
  });

  it('takes over the lock of a dead process and records the URL the host sets', async () => {
    const pid = await deadPid();
    await writeLock(projectDir, { pid, hostname: hostname(), url: 'http://127.0.0.1:1', startedAt: 1 });
    const storage = new PgliteStorage({ projectDir });
    await storage.init();
    try {
      const lock = await readStorageLock(projectDir);
      expect(lock).toMatchObject({ pid: process.pid, hostname: hostname() });
      expect(lock?.url).toBeUndefined();
      expect(await setStorageLockUrl(projectDir, 'http://127.0.0.1:4111')).toBe(true);
      expect((await readStorageLock(projectDir))?.url).toBe('http://127.0.0.1:4111');
    } finally {
      await storage.close();
    }
    expect(await readStorageLock(projectDir)).toBeUndefined();
    expect(await setStorageLockUrl(projectDir, 'http://127.0.0.1:4111')).toBe(false);
  });

  it('refuses with STORAGE_LOCKED, the holder pid and URL, while another live process holds the lock', async () => {
    const pid = await liveForeignPid();
    await writeLock(projectDir, { pid, hostname: hostname(), url: 'http://127.0.0.1:4999', startedAt: 1 });
    const storage = new PgliteStorage({ projectDir });
    const failure = await storage.init().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(WeftError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      code: 'STORAGE_LOCKED',
      status: 409,
      retryable: false,
      details: { pid, url: 'http://127.0.0.1:4999' },
    });
    await storage.close();
    expect((await readStorageLock(projectDir))?.pid).toBe(pid);

    const holder = children.find((child) => child.pid === pid);
    const exited = new Promise((resolve) => holder?.once('exit', resolve));
    holder?.kill();
    await exited;
    const afterHolderDied = new PgliteStorage({ projectDir });
    await afterHolderDied.init();
    expect((await readStorageLock(projectDir))?.pid).toBe(process.pid);
    await afterHolderDied.close();
  });

  it('keeps the lock next to a data dir given without a project', async () => {
    const storage = new PgliteStorage({ dataDir: join(projectDir, '.weft', 'data') });
    await storage.init();
    try {
      const lock: unknown = JSON.parse(await readFile(join(projectDir, '.weft', 'lock.json'), 'utf8'));
      expect(lock).toMatchObject({ pid: process.pid });
      expect(await storage.getRun('r1')).toMatchObject({ id: 'r1' });
    } finally {
      await storage.close();
    }
  });
});

describe('pglite plugin', () => {
  it('registers the pglite storage adapter, resolving dataDir against the project', async () => {
    const registry = new PluginRegistry();
    await registry.install(plugin);
    expect(plugin).toMatchObject({ name: 'pglite', apiVersion: 'v1' });
    const factory = registry.storage('pglite');
    if (factory === undefined) throw new Error('pglite adapter not registered');
    const storage = await factory({
      projectDir: tmpdir(),
      options: { dataDir: 'memory://' },
      logger: silentLogger,
    });
    expect(storage).toBeInstanceOf(PgliteStorage);
    await storage.init();
    await storage.kvSet('n', 'k', 1);
    expect(await storage.kvGet('n', 'k')).toBe(1);
    await storage.close();
  });
  it('takes storage.config from weft.yaml: thread worker runs the database in a worker thread; a bad config is refused', async () => {
    const registry = new PluginRegistry();
    await registry.install(plugin);
    const factory = registry.storage('pglite');
    if (factory === undefined) throw new Error('pglite adapter not registered');
    const storage = await factory({
      projectDir: tmpdir(),
      options: { dataDir: 'memory://', config: { thread: 'worker' } },
      logger: silentLogger,
    });
    if (!(storage instanceof PgliteStorage)) throw new Error('not a PgliteStorage');
    await storage.init();
    await storage.kvSet('n', 'k', 2);
    expect(await storage.kvGet('n', 'k')).toBe(2);
    expect(storage.sqlDriver()).toBeInstanceOf(PgliteWorkerDriver);
    await storage.close();
    const refused = await Promise.resolve()
      .then(() =>
        factory({ projectDir: tmpdir(), options: { config: { thread: 'both' } }, logger: silentLogger }),
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { pointer: '/spec/storage/config/thread' },
    });
  });
});

describe('PgliteStorage statistics (PGlite runs no autovacuum)', () => {
  it('analyzes the messages table as it grows, so the last messages of a thread come through its index', async () => {
    const storage = new PgliteStorage({ dataDir: 'memory://', vector: false });
    await storage.init();
    try {
      for (let batch = 0; batch < 30; batch += 1) {
        await storage.saveMessages(
          Array.from({ length: 10 }, (_, index) => ({
            id: `m-${batch}-${index}`,
            threadId: 'busy',
            role: 'user' as const,
            content: `message ${batch * 10 + index}`,
            createdAt: batch * 10 + index,
          })),
        );
      }
      const last = await storage.getMessages({ threadId: 'busy', last: 20 });
      expect(last.map((message) => message.createdAt)).toEqual(
        Array.from({ length: 20 }, (_, index) => 280 + index),
      );
      const { sql, params } = getMessagesStatement({ threadId: 'busy', last: 20 });
      const plan = await storage.sqlDriver().query(`EXPLAIN ${sql}`, params);
      const text = plan.map((row) => String(row['QUERY PLAN'])).join('\n');
      expect(text).toContain('Index Scan Backward using weft_messages_thread_created');
      expect(text).not.toContain('Bitmap Heap Scan');
    } finally {
      await storage.close();
    }
  });

  it('vacuums weft_runs_unfinished as runs come and go, so its dead rows do not pile up', async () => {
    const storage = new PgliteStorage({ dataDir: 'memory://', vector: false });
    await storage.init();
    // Pages VACUUM found all-visible (ANALYZE alone never marks any).
    const visiblePages = async (): Promise<number> => {
      const rows = await storage
        .sqlDriver()
        .query("SELECT relallvisible::int AS n FROM pg_class WHERE relname = 'weft_runs_unfinished'");
      return Number(rows[0]?.n);
    };
    try {
      expect(await visiblePages()).toBe(0);
      for (let batch = 0; batch < 3; batch += 1) {
        const ids = Array.from({ length: 400 }, (_, index) => `run-${batch}-${index}`);
        await Promise.all(
          ids.map((id, index) =>
            storage.createRun({
              id,
              workflow: 'w',
              workflowHash: 'h',
              status: 'running',
              input: {},
              createdAt: batch * 1_000 + index,
              updatedAt: batch * 1_000 + index,
            }),
          ),
        );
        await Promise.all(
          ids.slice(0, 300).map((id) => storage.updateRun(id, { status: 'completed', updatedAt: 5_000 })),
        );
      }
      // The VACUUM runs in the background after the 1,000th run: its statement queues behind none of ours.
      let seen = await visiblePages();
      for (let attempt = 0; attempt < 50 && seen === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen = await visiblePages();
      }
      expect(seen).toBeGreaterThan(0);
    } finally {
      await storage.close();
    }
  });
});

describe('PgliteStorage write-ahead log', () => {
  it('starts each new WAL file without zero-filling it, and keeps what was written across reopening', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weft-pglite-wal-'));
    try {
      const storage = new PgliteStorage({ dataDir, vector: false });
      await storage.init();
      const walFile = async (): Promise<string> => {
        const [row] = await storage.sqlDriver().query('SELECT pg_walfile_name(pg_current_wal_lsn()) AS name');
        return String(row?.name);
      };
      const first = await walFile();
      let batches = 0;
      // Journal rows until the log moves into a new 16 MB file (about 16 MB of rows and their index).
      while ((await walFile()) === first) {
        await storage.appendJournal(
          Array.from({ length: 500 }, (_, index) => ({
            runId: `r${batches}-${index}`,
            path: 'step',
            attempt: 1,
            status: 'completed' as const,
            output: 'x'.repeat(400),
            startedAt: 1,
            endedAt: 2,
          })),
        );
        batches += 1;
      }
      const current = await walFile();
      await storage.close();
      // The new file has its full size, but only the blocks written so far are on disk: a
      // zero-filled file would have all 16 MB allocated.
      const file = await stat(join(dataDir, 'pg_wal', current));
      expect(file.size).toBe(16 * 1024 * 1024);
      expect(file.blocks * 512).toBeLessThan(file.size / 2);

      const reopened = new PgliteStorage({ dataDir, vector: false });
      await reopened.init();
      try {
        const last = `r${batches - 1}-499`;
        expect(await reopened.getJournal(last)).toEqual([
          {
            runId: last,
            path: 'step',
            attempt: 1,
            status: 'completed',
            output: 'x'.repeat(400),
            startedAt: 1,
            endedAt: 2,
          },
        ]);
        const [count] = await reopened.sqlDriver().query('SELECT count(*)::int AS n FROM weft_journal');
        expect(Number(count?.n)).toBe(batches * 500);
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
