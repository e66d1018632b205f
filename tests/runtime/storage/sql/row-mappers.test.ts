import { describe, expect, it } from 'vitest';
import type { JournalEntryV1 } from '../../../../runtime/spec/v1/storage.js';
import { journalEntriesFromRow, journalEntryJson } from '../../../../runtime/storage/sql/row-mappers.js';

const base = { runId: 'r1', path: 'a', attempt: 1, startedAt: 1 } as const;

const entries: readonly [string, JournalEntryV1][] = [
  ['a started step (no output, no end)', { ...base, status: 'started' }],
  ['a null output', { ...base, status: 'completed', output: null, endedAt: 2 }],
  ['falsy outputs stay', { ...base, status: 'completed', output: [0, false, ''], endedAt: 2 }],
  ['nulls nested in an output', { ...base, status: 'completed', output: { a: null, b: [null] }, endedAt: 2 }],
  [
    'an error',
    { ...base, status: 'failed', error: { code: 'E', message: 'boom', retryable: true }, endedAt: 2 },
  ],
  ['a path with quotes and unicode', { ...base, path: 'squares[3]/"q" 日本', status: 'skipped' }],
];

describe('packed journal entries', () => {
  it.each(entries)('reads back what was written: %s', (_, written) => {
    const row = { entries: `[${journalEntryJson(written)},${journalEntryJson(written)}]` };
    expect(journalEntriesFromRow(written.runId, row)).toStrictEqual([written, written]);
  });

  it('writes the fields in a fixed order, leaving out the run id and absent fields', () => {
    expect(
      journalEntryJson({
        runId: 'r1',
        path: 'a',
        attempt: 2,
        status: 'completed',
        output: null,
        startedAt: 1,
        endedAt: 3,
      }),
    ).toBe('{"path":"a","attempt":2,"status":"completed","output":null,"startedAt":1,"endedAt":3}');
    expect(journalEntryJson({ runId: 'r1', path: 'a', attempt: 1, status: 'started', startedAt: 1 })).toBe(
      '{"path":"a","attempt":1,"status":"started","startedAt":1}',
    );
  });

  it('writes the text JSON.stringify gives the fields of the entry in their order, whatever the path and values hold', () => {
    const entries = [
      { ...base, path: 'squares[3]/square', status: 'completed', output: { n: 9 }, endedAt: 2 },
      { ...base, path: 'quote " back \\ slash', status: 'started' },
      { ...base, path: 'line\nbreak\ttab \u0001 é 🙂', status: 'started' },
      {
        ...base,
        path: 'nan',
        attempt: Number.NaN,
        status: 'failed',
        error: { code: 'E', message: 'x' },
        endedAt: Number.POSITIVE_INFINITY,
      },
      { ...base, status: 'completed', output: null, endedAt: 3 },
      { ...base, status: 'completed', output: undefined },
      { ...base, status: 'completed', output: () => 1 },
      { ...base, status: 'completed', output: { toJSON: () => undefined } },
    ] as unknown as JournalEntryV1[];
    for (const entry of entries) {
      const { path, attempt, status, output, error, startedAt, endedAt } = entry;
      const text = journalEntryJson(entry);
      expect(text).toBe(JSON.stringify({ path, attempt, status, output, error, startedAt, endedAt }));
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('writes every path right however many distinct paths came before (its cache of quoted paths is bounded)', () => {
    const paths = Array.from({ length: 10_000 }, (_, index) =>
      index % 7 === 0 ? `each[${index}]/"q"\n` : `each[${index}]/x`,
    );
    for (const round of [1, 2])
      for (const path of paths) {
        const text = journalEntryJson({ ...base, path, attempt: round, status: 'started' });
        expect(JSON.parse(text)).toStrictEqual({ path, attempt: round, status: 'started', startedAt: 1 });
      }
  });
});
