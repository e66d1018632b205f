import { describe, expect, it } from 'vitest';
import type { JournalEntryV1 } from '../../../../runtime/spec/v1/storage.js';
import { latestJournalEntries } from '../../../../runtime/storage/sql/latest-journal-entries.js';

/** `path:attempt:status`, e.g. `a:1:started`. */
const entry = (key: string): JournalEntryV1 => {
  const [path = '', attempt = '1', status = 'started'] = key.split(':');
  return {
    runId: 'r1',
    path,
    attempt: Number(attempt),
    status: status as JournalEntryV1['status'],
    startedAt: 1,
  };
};

const cases: readonly [string, { given: readonly string[]; want: readonly string[] }][] = [
  ['nothing written', { given: [], want: [] }],
  [
    'distinct keys in the order written',
    { given: ['b:1:started', 'a:1:started'], want: ['b:1:started', 'a:1:started'] },
  ],
  [
    'a key written again: the last state, at the position of the first',
    { given: ['a:1:started', 'b:1:started', 'a:1:completed'], want: ['a:1:completed', 'b:1:started'] },
  ],
  [
    'another attempt of a path is another entry',
    { given: ['a:1:started', 'a:1:failed', 'a:2:started'], want: ['a:1:failed', 'a:2:started'] },
  ],
  [
    'the same entries written twice (a retried statement)',
    {
      given: [
        'a:1:completed',
        'b:1:started',
        'b:1:completed',
        'a:1:completed',
        'b:1:started',
        'b:1:completed',
      ],
      want: ['a:1:completed', 'b:1:completed'],
    },
  ],
];

describe('latestJournalEntries', () => {
  it.each(cases)('keeps one entry per (path, attempt): %s', (_, { given, want }) => {
    const journal = latestJournalEntries(given.map(entry));
    expect(journal.map((read) => `${read.path}:${read.attempt}:${read.status}`)).toEqual(want);
  });
});
