import { weftError } from '../../errors/create-weft-error.js';
import type { WorkflowGraphV1 } from '../../spec/v1/graph.js';
import type { RouteModule } from '../host-context.js';
import type { HostedWeft } from '../hosted-weft.js';

/**
 * `GET /api/workflows` (`{ items: [{ name, description, version, hash }] }`) and
 * `GET /api/workflows/:name` (the summary plus `input` and `outputSchema` schemas and the compiled
 * `steps`).
 *
 * @example
 * await app.inject({ method: 'GET', url: '/api/workflows/order-approval' });
 */
export const workflowRoutes: RouteModule = (app, { weft }) => {
  const read = { config: { scope: 'workflows:read' as const } };
  app.get('/api/workflows', read, async () => ({
    items: Object.values(weft.graph.workflows)
      .map(summaryOf)
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
  app.get<{ Params: { name: string } }>('/api/workflows/:name', read, async (request) => {
    const workflow = workflowGraph(weft, request.params.name);
    return {
      ...summaryOf(workflow),
      input: workflow.input,
      outputSchema: workflow.outputSchema,
      steps: workflow.steps,
    };
  });
};

function summaryOf(workflow: WorkflowGraphV1): {
  name: string;
  description?: string;
  version?: string;
  hash: string;
} {
  return {
    name: workflow.name,
    ...(workflow.description === undefined ? {} : { description: workflow.description }),
    ...(workflow.version === undefined ? {} : { version: workflow.version }),
    hash: workflow.hash,
  };
}

/**
 * The compiled graph of a workflow, or `WORKFLOW_NOT_FOUND` (404) for any other name.
 *
 * @example
 * const graph = workflowGraph(weft, 'order-approval');
 */
export function workflowGraph(weft: HostedWeft, name: string): WorkflowGraphV1 {
  const workflow = Object.hasOwn(weft.graph.workflows, name) ? weft.graph.workflows[name] : undefined;
  if (workflow === undefined) {
    throw weftError('WORKFLOW_NOT_FOUND', {
      message: `No workflow is named "${name}".`,
      details: { workflow: name },
    });
  }
  return workflow;
}
