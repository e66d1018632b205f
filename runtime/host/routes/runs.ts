import type { FastifyBaseLogger } from 'fastify';
import { weftError } from '../../errors/create-weft-error.js';
import type { RunDocument, RunStatus } from '../../public/api-types.js';
import type { RouteModule } from '../host-context.js';
import type { HostedWorkflow } from '../hosted-weft.js';
import {
  cancelRunBodySchema,
  type ListRunsQuery,
  listRunsQuerySchema,
  type ResumeRunBody,
  resumeRunBodySchema,
  type StartRunBody,
  startRunBodySchema,
  validateRequest,
} from '../validate-request.js';
import { waitForRun } from '../wait-for-run.js';
import { workflowGraph } from './workflows.js';

type NameParams = { Params: { name: string } };
type RunParams = { Params: { name: string; runId: string } };

/**
 * The run routes of a workflow: start (`POST /api/workflows/:name/runs`, 201 running, or 200 once
 * settled with `wait: true`), list, get, resume (waits like `wait: true`) and cancel.
 *
 * @example
 * await app.inject({ method: 'POST', url: '/api/workflows/order-approval/runs', payload: { input, wait: true } });
 */
export const runRoutes: RouteModule = (app, context) => {
  const { weft, waitTimeoutMs, closing } = context;
  const runs = '/api/workflows/:name/runs';
  const read = { config: { scope: 'workflows:read' as const } };
  const write = { config: { scope: 'workflows:run' as const } };

  app.post<NameParams>(runs, write, async (request, reply) => {
    const graph = workflowGraph(weft, request.params.name);
    const body = validateRequest<StartRunBody>(startRunBodySchema, request.body, 'request body');
    validateRequest(graph.input, body.input, `input of workflow "${graph.name}"`, '/input');
    const workflow = weft.getWorkflow(graph.name);
    const run = workflow.createRun();
    if (body.wait === true) {
      return reply
        .status(200)
        .send(
          await waitForRun(run.start(body.input), waitTimeoutMs, () => workflow.getRun(run.runId), closing),
        );
    }
    const { running } = await startUntilCreated(workflow, run.runId, () => run.start(body.input));
    running.catch((error: unknown) => logRunFailure(request.log, run.runId, error));
    return reply.status(201).send(await workflow.getRun(run.runId));
  });

  app.get<NameParams>(runs, { config: { ...read.config, query: true } }, async (request) => {
    const graph = workflowGraph(weft, request.params.name);
    const query = validateRequest<ListRunsQuery>(listRunsQuerySchema, request.query ?? {}, 'query');
    return weft.getWorkflow(graph.name).listRuns({
      ...(query.status === undefined ? {} : { status: query.status.split(',') as RunStatus[] }),
      limit: query.limit === undefined ? 20 : Number(query.limit),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
  });

  app.get<RunParams>(`${runs}/:runId`, read, async (request) => {
    const { workflow } = await findRun(context.weft, request.params);
    return workflow.getRun(request.params.runId);
  });

  app.post<RunParams>(`${runs}/:runId/resume`, write, async (request) => {
    const { workflow } = await findRun(weft, request.params);
    const body = validateRequest<ResumeRunBody>(resumeRunBodySchema, request.body, 'request body');
    const run = workflow.createRun({ runId: request.params.runId });
    const resumed = run.resume(
      body.step === undefined ? { data: body.data } : { step: body.step, data: body.data },
    );
    return waitForRun(resumed, waitTimeoutMs, () => workflow.getRun(run.runId), closing);
  });

  app.post<RunParams>(`${runs}/:runId/cancel`, write, async (request) => {
    const { workflow } = await findRun(weft, request.params);
    if (request.body !== undefined && request.body !== null)
      validateRequest(cancelRunBodySchema, request.body, 'request body');
    const run = workflow.createRun({ runId: request.params.runId });
    return run.cancel();
  });
};

/**
 * The workflow handle and document of a run, checking the run belongs to the named workflow;
 * `WORKFLOW_NOT_FOUND` or `RUN_NOT_FOUND` (404) otherwise, whatever the id looks like.
 *
 * @example
 * const { workflow, document } = await findRun(weft, { name: 'order-approval', runId });
 */
export async function findRun(
  weft: Parameters<RouteModule>[1]['weft'],
  params: { name: string; runId: string },
): Promise<{ workflow: HostedWorkflow; document: RunDocument }> {
  const graph = workflowGraph(weft, params.name);
  const notFound = weftError('RUN_NOT_FOUND', {
    message: `Workflow "${graph.name}" has no run with this id.`,
    details: { workflow: graph.name, runId: params.runId.slice(0, 200) },
  });
  if (!isPlausibleRunId(params.runId)) throw notFound;
  const workflow = weft.getWorkflow(graph.name);
  const document = await workflow.getRun(params.runId);
  if (document.workflow !== graph.name) throw notFound;
  return { workflow, document };
}

/** Ids the storage can look up (no control characters, bounded); anything else is simply not found. */
function isPlausibleRunId(runId: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  return runId.length > 0 && runId.length <= 256 && !/[\u0000-\u001f\u007f]/.test(runId);
}

/**
 * Starts a run and resolves once it exists (its `run:start` event) or has already settled, with
 * the promise of its end; rejects when the start fails before the run exists.
 */
async function startUntilCreated(
  workflow: HostedWorkflow,
  runId: string,
  start: () => Promise<RunDocument>,
): Promise<{ running: Promise<RunDocument> }> {
  let off: (() => void) | undefined;
  const created = new Promise<void>((resolve) => {
    off = workflow.on('run:start', (event) => {
      if (event.runId === runId) resolve();
    });
  });
  const running = start();
  try {
    await Promise.race([created, running.then(() => undefined)]);
  } finally {
    off?.();
  }
  return { running };
}

function logRunFailure(log: FastifyBaseLogger, runId: string, error: unknown): void {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'INTERNAL';
  log.warn({ runId, code }, 'run ended with an error');
}
