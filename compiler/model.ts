import type { CompiledGraphV1 } from '../runtime/spec/v1/graph.js';
import type { Diagnostic } from './diagnostic.js';

export type ManifestKind = 'Project' | 'Agent' | 'Workflow' | 'Tool' | 'Integration' | 'Knowledge';

/** A position in a source file, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * One YAML document that parsed and passed its kind's JSON Schema. `value` is the plain data
 * (typed per kind by `compiler/manifest-types.ts`); `locate` maps a JSON pointer inside the
 * document back to the source.
 */
export interface ParsedManifest<Spec = unknown> {
  /** Path relative to the project folder, `/` separators. */
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly documentIndex: number;
  readonly kind: ManifestKind;
  readonly name: string;
  readonly value: {
    apiVersion: 'weft/v1';
    kind: ManifestKind;
    metadata: { name: string; version?: string; description?: string; labels?: Record<string, string> };
    spec: Spec;
  };
  /**
   * Position of the node at `pointer` (`/spec/steps/0/with/orderId`): of the key when `key` is
   * true (for "unknown key" errors), else of the value; with `text`, of that text inside the value's
   * source (a variable inside a prompt template). Falls back to the nearest existing ancestor.
   */
  locate(
    pointer: string,
    options?: { key?: boolean; text?: { needle: string; occurrence?: number } },
  ): SourcePosition;
}

/** Options normalised once and passed down every stage. */
export interface CompileContext {
  /** Absolute path of the project folder. */
  readonly dir: string;
  /** Collected diagnostics; stages push, never throw for bad input. */
  readonly diagnostics: Diagnostic[];
  /**
   * Manifests that failed validation (left out of linking), as `<kind>:<name>` (`agent:support`):
   * references to them are not reported again.
   */
  readonly invalid?: ReadonlySet<string>;
}

export type CompileResult =
  | {
      readonly ok: true;
      readonly graph: CompiledGraphV1;
      readonly diagnostics: readonly Diagnostic[];
      readonly manifestCount: number;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly manifestCount: number };
