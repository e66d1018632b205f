import type { RouteModule } from './host-context.js';
import { agentRoutes } from './routes/agents.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { integrationRoutes } from './routes/integrations.js';
import { knowledgeRoutes } from './routes/knowledge.js';
import { openApiRoutes } from './routes/openapi.js';
import { runEventRoutes } from './routes/run-events.js';
import { runRoutes } from './routes/runs.js';
import { threadRoutes } from './routes/threads.js';
import { toolRoutes } from './routes/tools.js';
import { workflowRoutes } from './routes/workflows.js';

/**
 * The host's route modules, one line each: adding an API area (agents, tools, memory...) is one
 * more line here.
 *
 * @example
 * for (const register of routeModules) register(app, context);
 */
export const routeModules: readonly RouteModule[] = [
  healthRoutes,
  openApiRoutes,
  docsRoutes,
  workflowRoutes,
  runRoutes,
  runEventRoutes,
  agentRoutes,
  toolRoutes,
  integrationRoutes,
  knowledgeRoutes,
  threadRoutes,
];
