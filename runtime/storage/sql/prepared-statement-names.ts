/** How many distinct texts get a name; later ones run unnamed (one-off planning, as before). */
const defaultLimit = 256;

/**
 * Names for prepared statements, one per distinct SQL text (a name is prepared once per
 * connection; the Postgres and PGlite drivers both use it). Bounded: past `limit` texts, `nameOf` answers undefined
 * and the statement runs unnamed, so statements with varying text cannot grow the server's
 * per-connection caches without end.
 *
 * @example
 * const names = new PreparedStatementNames();
 * names.nameOf('SELECT 1'); // 'weft_1'
 * names.nameOf('SELECT 1'); // 'weft_1' again
 */
export class PreparedStatementNames {
  readonly #names = new Map<string, string>();
  readonly #limit: number;

  constructor(limit = defaultLimit) {
    this.#limit = limit;
  }

  nameOf(sql: string): string | undefined {
    const known = this.#names.get(sql);
    if (known !== undefined || this.#names.size >= this.#limit) return known;
    const name = `weft_${this.#names.size + 1}`;
    this.#names.set(sql, name);
    return name;
  }
}
