import { describe, expect, it } from 'vitest';
import { parseJsonOption, parseWait, RunUsageError } from '../../cli/parse-run-options.js';
import { exitCodeOfStatus, ProgressPrinter } from '../../cli/run-output.js';
import { hostUrl, isLoopbackHost } from '../../cli/serve-host.js';
import type { RunEvent } from '../../runtime/public/api-types.js';

const at = (ms: number): string => new Date(1_700_000_000_000 + ms).toISOString();

describe('ProgressPrinter', () => {
  it.each<[string, RunEvent[], string[]]>([
    [
      'a completed step with its duration',
      [
        { type: 'step:start', runId: 'r', step: 'lookup', attempt: 1, at: at(0) },
        { type: 'step:complete', runId: 'r', step: 'lookup', attempt: 1, at: at(12) },
      ],
      ['  ✓ lookup (12 ms)'],
    ],
    [
      'a failed attempt',
      [
        {
          type: 'step:error',
          runId: 'r',
          step: 'call',
          attempt: 1,
          error: { code: 'TOOL_EXECUTOR_FAILED', message: 'flaky: attempt 1' },
          at: at(0),
        },
      ],
      ['  ✗ call attempt 1: flaky: attempt 1'],
    ],
    [
      'a suspension',
      [{ type: 'run:suspended', runId: 'r', output: [{ step: 'approve', payload: {} }], at: at(0) }],
      ['  ⏸ approve suspended'],
    ],
    [
      'a skipped step',
      [{ type: 'step:complete', runId: 'r', step: 'notify', attempt: 1, status: 'skipped', at: at(0) }],
      ['  - notify skipped'],
    ],
    ['a run start (silent)', [{ type: 'run:start', runId: 'r', at: at(0) }], []],
  ])('prints %s', (_name, events, lines) => {
    const printed: string[] = [];
    const printer = new ProgressPrinter((line) => printed.push(line));
    for (const event of events) printer.event(event);
    expect(printed).toEqual(lines);
  });
});

describe('exitCodeOfStatus', () => {
  it.each([
    ['completed', 0],
    ['failed', 1],
    ['cancelled', 1],
    ['suspended', 3],
    ['sleeping', 3],
    ['running', 3],
  ] as const)('%s exits %i', (status, code) => {
    expect(exitCodeOfStatus(status)).toBe(code);
  });
});

describe('run command options', () => {
  it.each([
    ['30s', 30_000],
    ['500ms', 500],
    ['2m', 120_000],
    ['1.5s', 1_500],
    ['10', 10_000],
  ])('--wait %s is %i ms', (text, ms) => {
    expect(parseWait(text)).toBe(ms);
  });

  it.each([['soon'], ['-1s'], ['1d'], ['']])('--wait %j is refused', (text) => {
    expect(() => parseWait(text)).toThrow(RunUsageError);
  });

  it('parses JSON options and refuses what is not JSON, naming the option', () => {
    expect(parseJsonOption('{"a":[1]}', '--input')).toEqual({ a: [1] });
    expect(() => parseJsonOption("{a:'x'}", '--data')).toThrow(/--data is not valid JSON/);
  });
});

describe('serve addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['192.168.1.10', false],
    ['::', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('writes IPv6 hosts in brackets', () => {
    expect(hostUrl('::1', 3000)).toBe('http://[::1]:3000');
    expect(hostUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000');
  });
});
