import type { SqlDriver } from '../../runtime/storage/sql/sql-driver.js';

/**
 * Whether the database can use pgvector: the `vector` extension is available
 * (`pg_available_extensions`) and `CREATE EXTENSION IF NOT EXISTS vector` succeeds (it needs the
 * right to create it, or an administrator having done so). PGlite has it when opened with the
 * pgvector extension; Debian's Postgres 15 here does not.
 *
 * @example
 * const hasPgvector = await detectPgvector(driver); // false: PgVector falls back to exact search
 */
export async function detectPgvector(driver: SqlDriver): Promise<boolean> {
  const installed = await driver.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`);
  if (installed.length > 0) return true;
  const available = await driver.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
  if (available.length === 0) return false;
  try {
    await driver.exec('CREATE EXTENSION IF NOT EXISTS vector');
    return true;
  } catch {
    return false;
  }
}
