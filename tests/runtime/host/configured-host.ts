import type { FastifyInstance } from 'fastify';
import type { HostedWeft } from '../../../runtime/host/hosted-weft.js';
import { createHost, type HostOptions } from '../../../runtime/host/index.js';
import type { CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';
import type { Weft } from '../../../runtime/weft.js';

/** `server` settings of weft.yaml as compiled (`auth`, `cors`, `rateLimit`, `bodyLimitBytes`). */
export type ServerSettings = Partial<CompiledGraphV1['project']['server']>;

/**
 * The same weft instance with other `server` settings in its graph: every member (including
 * those other areas add later) is the instance's own, only `graph.project.server` differs.
 *
 * @example
 * const hosted = withServer(weft, { rateLimit: { max: 3, windowMs: 60_000 } });
 */
export function withServer(weft: Weft, server: ServerSettings): HostedWeft {
  const graph: CompiledGraphV1 = {
    ...weft.graph,
    project: { ...weft.graph.project, server: { ...weft.graph.project.server, ...server } },
  };
  return Object.create(weft, { graph: { value: graph } }) as HostedWeft;
}

/**
 * A host over `weft` with other `server` settings (keys read from `options.env`).
 *
 * @example
 * const app = configuredHost(weft, { auth: { keys } }, { env: { CI_KEY: 'secret-ci-key' } });
 */
export function configuredHost(
  weft: Weft,
  server: ServerSettings,
  options: HostOptions = {},
): FastifyInstance {
  return createHost(withServer(weft, server), options);
}

/**
 * A concrete URL for a route pattern of the example project: `:name` becomes the first manifest of
 * its area (`/api/workflows/:name` -> `/api/workflows/answer-customer`), other parameters and `*`
 * an id that does not exist.
 *
 * @example
 * concreteUrl(weft.graph, '/api/workflows/:name/runs/:runId'); // '/api/workflows/answer-customer/runs/no-such-id'
 */
export function concreteUrl(graph: CompiledGraphV1, pattern: string): string {
  const area = pattern.split('/')[2] ?? '';
  const names: Record<string, readonly string[]> = {
    workflows: Object.keys(graph.workflows),
    agents: Object.keys(graph.agents),
    tools: Object.keys(graph.tools),
    integrations: Object.keys(graph.integrations),
    knowledge: Object.keys(graph.knowledge),
  };
  const first = [...(names[area] ?? [])].sort()[0] ?? 'unknown';
  return pattern
    .split('/')
    .map((segment) => {
      if (segment === ':name') return first;
      if (segment.startsWith(':') || segment === '*') return 'no-such-id';
      return segment;
    })
    .join('/');
}
