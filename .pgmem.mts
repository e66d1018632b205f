import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { mkdtempSync } from 'node:fs';
const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
console.log('start rss', mb());
const opts: Record<string, unknown> = { dataDir: mkdtempSync('/tmp/pgl-'), extensions: { vector } };
if (process.argv[2]) opts.initialMemory = Number(process.argv[2]) * 2 ** 20;
if (process.argv[3]) opts.startParams = undefined;
const t = performance.now();
const db = await PGlite.create(opts as never);
console.log('created in', (performance.now() - t).toFixed(0), 'ms rss', mb(), 'heap', (((db as unknown as { mod: { HEAPU8?: Uint8Array; wasmMemory?: WebAssembly.Memory } }).mod.wasmMemory?.buffer.byteLength ?? 0) / 2 ** 20).toFixed(0));
for (const s of ['shared_buffers', 'wal_buffers', 'work_mem', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'max_wal_size', 'checkpoint_timeout', 'temp_buffers', 'maintenance_work_mem'])
  console.log(s, (await db.query<{ v: string }>(`SELECT current_setting('${s}') AS v`)).rows[0]?.v);
await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
console.log('after ext rss', mb());
await db.close();
