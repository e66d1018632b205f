import { PGlite } from '@electric-sql/pglite';
import { afterAll } from 'vitest';
import { PgliteDriver } from '../../../plugins/pglite/pglite-driver.js';
import { describePackedJournal } from '../../runtime/storage/sql/packed-journal-cases.js';
import { describeUnfinishedRuns } from '../../runtime/storage/sql/unfinished-runs-cases.js';

// Opening PGlite runs initdb (seconds on a busy machine): one database, emptied before each test.
const driver = new PgliteDriver(() => PGlite.create({ dataDir: 'memory://' }));
afterAll(async () => {
  await driver.close();
});

describePackedJournal('pglite', () => driver);
describeUnfinishedRuns('pglite', () => driver);
