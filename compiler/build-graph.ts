// OWNED BY the compiler-check helper: replace this stub.
import type { CompiledGraphV1 } from '../runtime/spec/v1/graph.js';
import type { CompileContext, ParsedManifest } from './model.js';

/**
 * Links, checks and normalises validated manifests into the runtime graph. Pushes every problem
 * to `context.diagnostics`; returns undefined when an error makes a graph impossible.
 */
export function buildGraph(_manifests: readonly ParsedManifest[], _context: CompileContext): CompiledGraphV1 | undefined {
  return undefined;
}
