import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRunTarget } from '../../cli/open-run-target.js';
import { copyProject, exited, removeProject } from '../e2e/e2e-helpers.js';

let dir: string;
const holders: ChildProcess[] = [];

beforeAll(() => {
  dir = copyProject('definitions');
});
afterAll(() => removeProject(dir));
afterEach(async () => {
  for (const holder of holders.splice(0)) {
    if (holder.exitCode === null && holder.signalCode === null) holder.kill('SIGKILL');
    await exited(holder);
  }
});

/** A live process other than this one, standing for the host that holds the lock. */
function holder(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  holders.push(child);
  return child.pid ?? -1;
}

/** A URL of 127.0.0.1 where nothing listens (a port opened, then closed). */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

function writeLock(pid: number, url: string): void {
  mkdirSync(join(dir, '.weft'), { recursive: true });
  writeFileSync(
    join(dir, '.weft', 'lock.json'),
    JSON.stringify({ pid, hostname: 'test', startedAt: 1, url }),
  );
}

describe('openRunTarget with a storage lock that names a host', () => {
  it('goes through the host when it accepts connections', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      const url = `http://127.0.0.1:${address.port}`;
      writeLock(holder(), url);
      const target = await openRunTarget(dir);
      expect(target.via).toBe(url);
      await target.close();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses with STORAGE_LOCKED when a live holder serves no API (no URL in the lock)', async () => {
    const pid = holder();
    mkdirSync(join(dir, '.weft'), { recursive: true });
    writeFileSync(join(dir, '.weft', 'lock.json'), JSON.stringify({ pid, hostname: 'test', startedAt: 1 }));
    const failure = await openRunTarget(dir).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'STORAGE_LOCKED', details: { pid } });
    expect((failure as Error).message).toContain(`held by process ${pid}, which serves no API`);
  });

  it('refuses with STORAGE_LOCKED when the holder is alive but its host accepts no connections', async () => {
    const pid = holder();
    const url = await deadUrl();
    writeLock(pid, url);
    const failure = await openRunTarget(dir, { holderExitWaitMs: 300 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'STORAGE_LOCKED', details: { pid, url } });
    expect((failure as Error).message).toContain(
      `held by process ${pid}, whose host at ${url} accepts no connections`,
    );
  });

  it('opens the project itself once a holder whose host is gone exits (a host killed a moment ago)', async () => {
    const pid = holder();
    writeLock(pid, await deadUrl());
    setTimeout(() => holders[0]?.kill('SIGKILL'), 200);
    const target = await openRunTarget(dir, { holderExitWaitMs: 10_000 });
    try {
      expect(target.via).toBe('local');
      expect((await target.list({ limit: 5 })).items).toEqual([]);
    } finally {
      await target.close();
    }
  }, 60_000);
});
