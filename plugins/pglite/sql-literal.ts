/**
 * A statement parameter as a SQL literal of unknown type, for `EXECUTE name(...)`, where Postgres
 * coerces it to the type the prepared statement gave the parameter. Strings, finite numbers,
 * bigints and booleans become quoted literals ('' for a quote; this needs
 * `standard_conforming_strings`, so a backslash is an ordinary character); `null`/`undefined`
 * become `NULL`; arrays of those (nested too) become array literals with each element
 * double-quoted and `\` and `"` escaped, as Postgres's array input reads them. Anything else
 * (objects, buffers, dates, non-finite numbers) gives `undefined`: the caller binds the value as
 * a parameter instead. No value can end its literal early, so data never becomes SQL.
 *
 * @example
 * sqlLiteral("it's"); // "'it''s'"
 * sqlLiteral(['a', null, 'b"c']); // `'{"a",NULL,"b\\"c"}'`
 */
export function sqlLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) {
    const array = arrayLiteral(value);
    return array === undefined ? undefined : quoted(array);
  }
  const text = scalarText(value);
  return text === undefined ? undefined : quoted(text);
}

function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function scalarText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return undefined;
  }
}

function arrayLiteral(values: readonly unknown[]): string | undefined {
  const elements: string[] = [];
  for (const value of values) {
    if (value === null || value === undefined) {
      elements.push('NULL');
      continue;
    }
    const element = Array.isArray(value) ? arrayLiteral(value) : scalarText(value);
    if (element === undefined) return undefined;
    elements.push(
      Array.isArray(value) ? element : `"${element.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
    );
  }
  return `{${elements.join(',')}}`;
}
