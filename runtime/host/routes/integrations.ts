import { weftError } from '../../errors/create-weft-error.js';
import type { HttpAuthV1, IntegrationGraphV1 } from '../../spec/v1/graph.js';
import type { RouteModule } from '../host-context.js';

/**
 * `GET /api/integrations` (`{ items: [{ name, description?, baseUrl, auth: { type }, actions: [names] }] }`)
 * and `GET /api/integrations/:name` (the auth scheme without secrets, every action with its tool
 * name, method and schemas); 404 `INTEGRATION_NOT_FOUND` for an unknown name.
 *
 * @example
 * await app.inject({ method: 'GET', url: '/api/integrations/crm' });
 */
export const integrationRoutes: RouteModule = (app, { weft }) => {
  // Integrations are tool sets (their actions run as tools `<integration>.<action>`): tools:execute.
  const read = { config: { scope: 'tools:execute' as const } };
  app.get('/api/integrations', read, async () => ({
    items: Object.values(weft.graph.integrations)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((integration) => ({
        ...summaryOf(integration),
        actions: Object.keys(integration.actions).sort(),
      })),
  }));
  app.get<{ Params: { name: string } }>('/api/integrations/:name', read, async (request) => {
    const name = request.params.name;
    const integration = Object.hasOwn(weft.graph.integrations, name)
      ? weft.graph.integrations[name]
      : undefined;
    if (integration === undefined) {
      throw weftError('INTEGRATION_NOT_FOUND', {
        message: `No integration is named "${name}".`,
        details: { integration: name },
      });
    }
    return {
      ...summaryOf(integration),
      ...(integration.timeoutMs === undefined ? {} : { timeoutMs: integration.timeoutMs }),
      actions: Object.values(integration.actions)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((action) => ({
          name: action.name,
          tool: `${integration.name}.${action.name}`,
          ...(action.description === undefined ? {} : { description: action.description }),
          method: action.request.method,
          input: action.input,
          output: action.output,
        })),
    };
  });
};

function summaryOf(integration: IntegrationGraphV1): Record<string, unknown> {
  return {
    name: integration.name,
    ...(integration.description === undefined ? {} : { description: integration.description }),
    baseUrl: integration.baseUrl,
    auth: describeAuth(integration.auth),
  };
}

/** The auth scheme without secrets (nor the names of the variables that hold them). */
function describeAuth(auth: HttpAuthV1 | undefined): Record<string, unknown> {
  if (auth === undefined) return { type: 'none' };
  switch (auth.type) {
    case 'apiKey':
      return { type: 'apiKey', in: auth.in, name: auth.name };
    case 'oauth2':
      return { type: 'oauth2', tokenUrl: auth.tokenUrl, scopes: auth.scopes };
    default:
      return { type: auth.type };
  }
}
