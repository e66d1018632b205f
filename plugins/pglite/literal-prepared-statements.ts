import { PreparedStatementNames } from '../../runtime/storage/sql/prepared-statement-names.js';
import type { SqlRow } from '../../runtime/storage/sql/sql-driver.js';
import { sqlLiteral } from './sql-literal.js';

/**
 * Runs one statement through PGlite's simple query protocol (`exec`) and resolves the rows of its
 * result: in the calling thread, or in PGlite's worker thread.
 */
export type SimpleStatement = (sql: string) => Promise<SqlRow[]>;

/**
 * The hot statements of one PGlite database (ADR 0018), for both of its drivers: each text is
 * prepared once in PGlite's one session with SQL `PREPARE weft_N AS <sql>`, and a call becomes
 * `EXECUTE weft_N(<literals>)` through the simple query protocol: one call into the database, no
 * parsing or planning per call. Literals are written by `sqlLiteral`, which is only correct with
 * `standard_conforming_strings` on: checked once, before anything is prepared.
 *
 * @example
 * const statements = new LiteralPreparedStatements();
 * const text = await statements.executeText(simple, 'SELECT $1::int AS n', [1]);
 * // 'EXECUTE weft_1(\'1\')', or undefined: then bind the parameters as usual
 */
export class LiteralPreparedStatements {
  readonly #names = new PreparedStatementNames();
  readonly #prepared = new Map<string, Promise<boolean>>();
  /** The names whose `PREPARE` succeeded: their calls need not wait for it. */
  readonly #ready = new Set<string>();
  /** Whether quoted literals are plain (`standard_conforming_strings`), asked once. */
  #literalsSafe: Promise<boolean> | undefined;

  /**
   * The `EXECUTE` text that runs `sql` with `params`, preparing `sql` first (through `simple`) if
   * this database has not yet. Undefined when the text has no name left (`PreparedStatementNames`
   * is bounded), a parameter has no literal form, or the statement cannot be prepared (utility
   * statements): the caller then binds the parameters as usual.
   */
  async executeText(
    simple: SimpleStatement,
    sql: string,
    params: readonly unknown[],
  ): Promise<string | undefined> {
    const name = this.#names.nameOf(sql);
    if (name === undefined) return undefined;
    const literals: string[] = [];
    for (const param of params) {
      const literal = sqlLiteral(param);
      if (literal === undefined) return undefined;
      literals.push(literal);
    }
    if (!this.#ready.has(name) && !(await this.#prepare(simple, name, sql))) return undefined;
    return literals.length === 0 ? `EXECUTE ${name}` : `EXECUTE ${name}(${literals.join(', ')})`;
  }

  /**
   * Prepares `sql` as `name` once (resolves false when it cannot be). Inside a transaction too: a
   * prepared statement outlives a rollback (it belongs to the session).
   */
  #prepare(simple: SimpleStatement, name: string, sql: string): Promise<boolean> {
    let prepared = this.#prepared.get(name);
    if (prepared === undefined) {
      this.#literalsSafe ??= simple("SELECT current_setting('standard_conforming_strings') AS value").then(
        (rows) => rows[0]?.value === 'on',
      );
      prepared = this.#literalsSafe.then((safe) =>
        safe
          ? simple(`PREPARE ${name} AS ${sql}`).then(
              () => {
                this.#ready.add(name);
                return true;
              },
              () => false,
            )
          : false,
      );
      this.#prepared.set(name, prepared);
    }
    return prepared;
  }
}
