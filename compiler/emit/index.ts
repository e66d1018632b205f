// OWNED BY the emit helper: replace this stub.
import type { CompiledGraphV1 } from '../../runtime/spec/v1/graph.js';

/** The emitted artefacts by file name (`types.ts`, `client.ts`, `graph.json`, `openapi.json`), deterministic. */
export async function emitArtefacts(_graph: CompiledGraphV1): Promise<Record<string, string>> {
  return {};
}
