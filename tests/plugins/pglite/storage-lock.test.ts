import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../plugins/pglite/storage-lock.js';
import { exited } from '../../e2e/e2e-helpers.js';

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
  }
});

/** The first line a child prints on stdout. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end !== -1) resolve(text.slice(0, end));
    });
    child.once('error', reject);
  });
}

describe('isProcessAlive', () => {
  it('is true for a running process and false for one that has exited', async () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid ?? -1;
    await exited(child);
    expect(isProcessAlive(pid)).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'is false for a zombie: a process that has exited and that its parent has not collected',
    async () => {
      // `sh` starts a short `sleep` in the background, prints its pid, then becomes a long `sleep`
      // that never collects it: once the short one ends it stays a zombie until the parent exits.
      const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 30']);
      children.push(parent);
      const zombie = Number(await firstLine(parent));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(() => process.kill(zombie, 0)).not.toThrow(); // the kernel still has it
      expect(isProcessAlive(zombie)).toBe(false);
    },
  );
});
