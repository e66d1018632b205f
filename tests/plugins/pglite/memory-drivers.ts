import { PGlite } from '@electric-sql/pglite';
import { PgliteDriver } from '../../../plugins/pglite/pglite-driver.js';
import { PgliteWorkerDriver, startPgliteWorker } from '../../../plugins/pglite/pglite-worker-driver.js';
import type { SqlDriver } from '../../../runtime/storage/sql/sql-driver.js';

/**
 * Both PGlite drivers, each over a fresh in-memory database: in the calling thread
 * (`PgliteDriver`) and in a worker thread (`PgliteWorkerDriver`), for `describe.each`.
 *
 * @example
 * describe.each(memoryPgliteDrivers)('something on PGlite (%s)', (_, open) => { const driver = open(); });
 */
export const memoryPgliteDrivers: readonly [string, () => SqlDriver][] = [
  ['in the calling thread', () => new PgliteDriver(() => PGlite.create({ dataDir: 'memory://' }))],
  [
    'in a worker thread',
    () =>
      new PgliteWorkerDriver(() =>
        startPgliteWorker({ dataDir: 'memory://', startParams: [], vector: false }),
      ),
  ],
];
