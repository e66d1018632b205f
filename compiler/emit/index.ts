import type { CompiledGraphV1 } from '../../runtime/spec/v1/graph.js';
import { canonicalJson } from './canonical-json.js';
import { emitClient } from './emit-client.js';
import { emitOpenApi } from './emit-openapi.js';
import { emitTypes } from './emit-types.js';
import { planTypes } from './type-plan.js';

export { canonicalJson } from './canonical-json.js';

/**
 * The emitted artefacts by file name (`types.ts`, `client.ts`, `graph.json`, `openapi.json`),
 * deterministic: the same graph always gives the same bytes. The graph has passed the compiler's
 * checks, so emission does not fail on user input.
 *
 * @example
 * const files = await emitArtefacts(result.graph);
 * for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
 */
export async function emitArtefacts(graph: CompiledGraphV1): Promise<Record<string, string>> {
  const plan = planTypes(graph);
  return {
    'client.ts': emitClient(graph, plan),
    'graph.json': canonicalJson(graph),
    'openapi.json': emitOpenApi(graph, plan),
    'types.ts': await emitTypes(graph, plan),
  };
}
