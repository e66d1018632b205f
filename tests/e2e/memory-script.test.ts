import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeProject, runNode } from './e2e-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'weft-memory-script-'));
writeFileSync(
  join(dir, 'weft.yaml'),
  'apiVersion: weft/v1\nkind: Project\nmetadata:\n  name: memory-script\nspec: {}\n',
);
afterAll(() => removeProject(dir));

describe('weft.memory from a plain script, on a project with no configuration (embedded PGlite)', () => {
  it('saves in one process; a later process reads the messages once each and recalls the relevant one', async () => {
    const write = await runNode(['tests/e2e/memory-script.ts', dir, 'write']);
    expect(write.stderr).toBe('');
    expect(write.code).toBe(0);

    const read = await runNode(['tests/e2e/memory-script.ts', dir, 'read']);
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout)).toMatchObject({
      storage: 'pglite',
      thread: { id: 'thread-1', resourceId: 'user-1', title: 'Colours' },
      messages: ['m-1', 'm-2', 'm-3'],
      hits: ['m-1'],
      recalled: ['My favourite colour is teal.', 'Teal, noted.'],
      indexes: ['weft_memory_local_hash_384'],
    });
  }, 300_000);
});
