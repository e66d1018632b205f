import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../compiler/diagnostic.js';
import { formatDiagnostic, formatSummary } from '../../../compiler/format-diagnostic.js';

const diagnostic: Diagnostic = {
  code: 'SCHEMA_UNKNOWN_KEY',
  severity: 'error',
  file: 'workflows/order.yaml',
  line: 3,
  column: 5,
  pointer: '/spec/retyr',
  message: 'Unknown key "retyr".',
  hint: 'Did you mean "retry"?',
};
const source = 'kind: Workflow\nspec:\n    retyr: 3\n    when: x\n';

describe('formatDiagnostic', () => {
  it('prints location, severity, code, message, hint and a code frame with a caret', () => {
    expect(formatDiagnostic(diagnostic, { source })).toBe(
      [
        'workflows/order.yaml:3:5: error SCHEMA_UNKNOWN_KEY Unknown key "retyr".',
        '  hint: Did you mean "retry"?',
        '    2 | spec:',
        '  > 3 |     retyr: 3',
        '      |     ^',
        '    4 |     when: x',
      ].join('\n'),
    );
  });

  it('prints no frame without the source and no ANSI codes without colour', () => {
    const { hint: _hint, ...withoutHint } = diagnostic;
    expect(formatDiagnostic({ ...withoutHint, severity: 'warning' })).toBe(
      'workflows/order.yaml:3:5: warning SCHEMA_UNKNOWN_KEY Unknown key "retyr".',
    );
  });

  it('colours only when asked', () => {
    expect(formatDiagnostic(diagnostic, { color: true })).toContain('\u001b[31merror\u001b[0m');
  });
});

describe('formatSummary', () => {
  it.each([
    [[], 1, '0 errors, 0 warnings in 1 manifest'],
    [[diagnostic, { ...diagnostic, severity: 'warning' as const }], 7, '1 error, 1 warning in 7 manifests'],
  ])('summarises %#', (diagnostics, count, want) => {
    expect(formatSummary(diagnostics, count)).toBe(want);
  });
});
