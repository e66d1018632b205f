/**
 * The hosted runtime API (Fastify): `createHost(weft, options)` builds the app; the caller listens.
 *
 * @example
 * import { createHost } from './runtime/host/index.js';
 * const app = createHost(await Weft.open('definitions'));
 * await app.listen({ host: '127.0.0.1', port: 3000 });
 */
export { type ApiScope, apiScopes } from './api-scope.js';
export { createHost, type HostOptions, routesOf } from './create-host.js';
export type { HostLogLevel } from './host-logger.js';
export type { HostedRun, HostedWeft, HostedWorkflow } from './hosted-weft.js';
export { type ServedRoute, servedRoutesOf } from './served-routes.js';
export { waitForRun } from './wait-for-run.js';
