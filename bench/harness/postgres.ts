/**
 * A fresh Postgres database per child process for weft's `postgres` configuration, created on
 * the server of WEFT_BENCH_POSTGRES_URL (default `postgres://postgres@127.0.0.1:5432/postgres`)
 * and dropped afterwards. Uses `pg` from the repository's node_modules.
 */
import pg from 'pg';

export function adminUrl(): string {
  return process.env.WEFT_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function withAdmin<T>(action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

/** Whether the Postgres server answers; the reason when it does not. */
export async function postgresProblem(): Promise<string | undefined> {
  try {
    await withAdmin((client) => client.query('select 1'));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Creates an empty database and resolves its URL. */
export async function createDatabase(label: string): Promise<{ url: string; name: string }> {
  const name = `weft_bench_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${Date.now()}`;
  await withAdmin((client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { url: url.href, name };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`));
}
