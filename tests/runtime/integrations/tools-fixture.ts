import { compile } from '../../../compiler/index.js';
import type { CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';

const fixture = new URL('../../fixtures/projects/tools-http/', import.meta.url).pathname;

/**
 * The compiled `tests/fixtures/projects/tools-http` graph, its placeholder upstream
 * (`127.0.0.1:1`, `localhost:1`) pointed at the test server's port; `http` overrides
 * `project.http`.
 *
 * @example
 * const graph = await fixtureGraph(upstream.port);
 */
export async function fixtureGraph(
  port: number,
  http?: CompiledGraphV1['project']['http'],
): Promise<CompiledGraphV1> {
  const result = await compile(fixture);
  if (!result.ok) throw new Error(`fixture does not compile: ${JSON.stringify(result.diagnostics)}`);
  const text = JSON.stringify(result.graph)
    .replaceAll('127.0.0.1:1/', `127.0.0.1:${port}/`)
    .replaceAll('localhost:1/', `localhost:${port}/`);
  const graph = JSON.parse(text) as CompiledGraphV1;
  return http === undefined ? graph : { ...graph, project: { ...graph.project, http } };
}
