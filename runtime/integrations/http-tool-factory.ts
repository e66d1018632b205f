import type { SecretEnvironment } from '../secrets/read-secret.js';
import type { ToolExecutorFactoryV1 } from '../spec/v1/executors.js';
import { callHttp } from './call-http.js';
import { HttpAuthenticator } from './http-authenticator.js';
import type { HttpPolicy } from './http-policy.js';

/** Options of the `http` and integration executor factories. */
export interface HttpExecutorOptions {
  /** `project.http` of the graph: allowed hosts, private addresses. */
  readonly policy: HttpPolicy;
  /** Where secrets are read at call time (default `process.env`). */
  readonly env?: SecretEnvironment;
  /** Clock for OAuth2 token expiry (tests). */
  readonly now?: () => number;
}

/**
 * The executor factory of `http` tools: renders the compiled request templates over the tool
 * input, authenticates, calls under the host policy and maps the response (see `callHttp`).
 *
 * @example
 * weft.useExecutors({ toolFactories: [httpToolFactory({ policy: graph.project.http })] });
 */
export function httpToolFactory(options: HttpExecutorOptions): ToolExecutorFactoryV1 {
  return (tool) => {
    const executor = tool.executor;
    if (executor.type !== 'http') return undefined;
    const auth = new HttpAuthenticator(executor.auth, options);
    const spec = {
      request: executor.request,
      source: `Tool "${tool.name}"`,
      ...(executor.response === undefined ? {} : { response: executor.response }),
    };
    return (input, context) =>
      callHttp(spec, input, { auth, policy: options.policy, signal: context.signal });
  };
}
