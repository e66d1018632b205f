import { weftError } from '../../errors/create-weft-error.js';
import { maskSecrets } from '../../secrets/secret-masker.js';
import type { RouteModule } from '../host-context.js';
import type { HostedTool, HostedWeft } from '../hosted-weft.js';
import { validateRequest } from '../validate-request.js';

const executeBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['input'],
  properties: { input: {} },
} as const;

/**
 * `GET /api/tools` (`{ items: [{ name, description, input, output }] }`) and
 * `POST /api/tools/:name/execute` with `{ input }` -> `{ output }`: 400 `VALIDATION_FAILED` with
 * the JSON pointer of the bad field (`/input/orderId`), 404 for an unknown tool, 502 when an
 * upstream API fails, 504 on a timeout. Secrets are masked in outputs and errors.
 *
 * @example
 * await app.inject({ method: 'POST', url: '/api/tools/lookup-order/execute', payload: { input: { orderId: 'o-1' } } });
 */
export const toolRoutes: RouteModule = (app, { weft }) => {
  // Listing tools (their schemas) needs the same scope as running them: there is no tools:read.
  const execute = { config: { scope: 'tools:execute' as const } };
  app.get('/api/tools', execute, async () => ({ items: listTools(weft) }));
  app.post<{ Params: { name: string } }>('/api/tools/:name/execute', execute, async (request, reply) => {
    const tool = toolOf(weft, request.params.name);
    const body = validateRequest<{ input: unknown }>(executeBodySchema, request.body ?? {}, 'request body');
    validateRequest(tool.inputSchema, body.input, 'tool input', '/input');
    // A client that goes away aborts the call.
    const controller = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    const output = await tool.execute(body.input, { signal: controller.signal });
    return { output: maskSecrets(output) };
  });
};

function listTools(
  weft: HostedWeft,
): { name: string; description: string; input: unknown; output: unknown }[] {
  const described =
    weft.tools?.list().map((tool) => ({
      name: tool.name,
      description: tool.description,
      input: tool.inputSchema,
      output: tool.outputSchema,
    })) ??
    Object.values(weft.graph.tools).map((tool) => ({
      name: tool.name,
      description: tool.description ?? '',
      input: tool.input,
      output: tool.output,
    }));
  return described.sort((a, b) => a.name.localeCompare(b.name));
}

function toolOf(weft: HostedWeft, name: string): HostedTool {
  if (weft.tools === undefined) {
    throw weftError('TOOL_NOT_FOUND', { message: `No tool is named "${name}".`, details: { tool: name } });
  }
  return weft.tools.get(name);
}
