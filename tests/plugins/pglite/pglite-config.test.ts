import { describe, expect, it } from 'vitest';
import { checkPgliteConfig } from '../../../plugins/pglite/pglite-config.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';

describe('checkPgliteConfig (storage.config of the pglite adapter)', () => {
  const accepted: [string, { given: unknown; want: unknown }][] = [
    ['no config', { given: undefined, want: {} }],
    ['the worker thread', { given: { thread: 'worker' }, want: { thread: 'worker' } }],
    [
      'the calling thread and a buffer size',
      { given: { thread: 'main', sharedBuffers: '64MB' }, want: { thread: 'main', sharedBuffers: '64MB' } },
    ],
  ];
  it.each(accepted)('accepts %s', (_, { given, want }) => {
    expect(checkPgliteConfig(given)).toEqual(want);
  });

  const refused: [string, { given: unknown; pointer: string }][] = [
    ['a list', { given: ['main'], pointer: '/spec/storage/config' }],
    ['an unknown thread', { given: { thread: 'both' }, pointer: '/spec/storage/config/thread' }],
    [
      'a numeric buffer size',
      { given: { sharedBuffers: 32 }, pointer: '/spec/storage/config/sharedBuffers' },
    ],
    ['an unknown key', { given: { threads: 'main' }, pointer: '/spec/storage/config/threads' }],
  ];
  it.each(refused)('refuses %s with VALIDATION_FAILED and the pointer', (_, { given, pointer }) => {
    let failure: unknown;
    try {
      checkPgliteConfig(given);
    } catch (error) {
      failure = error;
    }
    expect(WeftError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'VALIDATION_FAILED', details: { pointer } });
  });
});
