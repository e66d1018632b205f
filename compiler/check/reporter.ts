import type { Diagnostic } from '../diagnostic.js';
import type { DiagnosticCode } from '../diagnostic-codes.js';
import { makeDiagnostic } from '../make-diagnostic.js';
import type { ParsedManifest } from '../model.js';

/**
 * Where checks report problems: a code, the JSON pointer of the offending value, a message and
 * an optional hint.
 *
 * @example
 * sink.error('REF_UNKNOWN_FIELD', '/spec/output/total', '"steps.a.output.totl" does not exist.');
 */
export interface DiagnosticSink {
  error(
    code: DiagnosticCode,
    pointer: string,
    message: string,
    hint?: string,
    options?: { key?: boolean },
  ): void;
  /** Reports at a piece of text inside the string at `pointer` (a variable inside a prompt template). */
  errorAtText(code: DiagnosticCode, pointer: string, at: TextSpot, message: string, hint?: string): void;
}

/** A piece of text inside a string value: its `occurrence`-th (0-based) appearance. */
export interface TextSpot {
  readonly needle: string;
  readonly occurrence: number;
}

/**
 * Pushes diagnostics about one manifest, located by JSON pointer.
 *
 * @example
 * const reporter = new Reporter(manifest, context.diagnostics);
 * reporter.error('LINK_UNKNOWN_TOOL', '/spec/steps/0/tool', 'Unknown tool "lookup".', 'Did you mean "lookup-order"?');
 */
export class Reporter implements DiagnosticSink {
  constructor(
    readonly manifest: ParsedManifest,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Reports an error at the value found at `pointer` (or at its key with `key: true`). */
  error(
    code: DiagnosticCode,
    pointer: string,
    message: string,
    hint?: string,
    options: { key?: boolean } = {},
  ): void {
    const position = this.manifest.locate(pointer, options);
    this.diagnostics.push(makeDiagnostic(code, this.manifest.file, position, pointer, message, { hint }));
  }

  /** Reports an error where `at` appears inside the string at `pointer` (whatever its YAML style). */
  errorAtText(code: DiagnosticCode, pointer: string, at: TextSpot, message: string, hint?: string): void {
    const position = this.manifest.locate(pointer, { text: at });
    this.diagnostics.push(makeDiagnostic(code, this.manifest.file, position, pointer, message, { hint }));
  }

  /** The number of errors reported so far (to tell whether a stage found problems). */
  get count(): number {
    return this.diagnostics.length;
  }
}
