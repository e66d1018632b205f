import type { IntegrationGraphV1, JsonSchemaV1 } from '../spec/v1/graph.js';
import type { ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import { callHttp } from './call-http.js';
import { type AuthParts, HttpAuthenticator } from './http-authenticator.js';
import type { HttpExecutorOptions } from './http-tool-factory.js';

/** The part of a tool an integration hands out (`weft.getTool` returns the same objects). */
export interface IntegrationTool {
  readonly name: string;
  readonly execute: (input: unknown) => Promise<unknown>;
}

/** One action of an integration, callable through the tool's checked path. */
export interface IntegrationAction {
  readonly name: string;
  readonly description?: string;
  readonly input: JsonSchemaV1;
  readonly output: JsonSchemaV1;
  execute(input: unknown): Promise<unknown>;
}

/**
 * An API described by an Integration manifest: its base URL, auth scheme (one token cache per
 * integration) and actions. `actions` and `toolset` go through the checked tool path (`<name>.<action>`
 * tools); the toolset is keyed by the model-safe name `<integration>__<action>`.
 *
 * @example
 * const crm = weft.getIntegration('crm');
 * const { headers } = await crm.auth();
 * await crm.actions['get-customer']?.execute({ customerId: 'c-1' });
 */
export class Integration<T extends IntegrationTool = IntegrationTool> {
  readonly name: string;
  readonly actions: Readonly<Record<string, IntegrationAction>>;
  readonly toolset: Readonly<Record<string, T>>;
  private readonly authenticator: HttpAuthenticator;

  constructor(
    readonly graph: IntegrationGraphV1,
    private readonly options: HttpExecutorOptions,
    toolFor: (toolName: string) => T,
  ) {
    this.name = graph.name;
    this.authenticator = new HttpAuthenticator(graph.auth, options);
    const actions: Record<string, IntegrationAction> = {};
    const toolset: Record<string, T> = {};
    for (const action of Object.values(graph.actions)) {
      const tool = toolFor(`${graph.name}.${action.name}`);
      toolset[modelSafeToolName(tool.name)] = tool;
      actions[action.name] = {
        name: action.name,
        ...(action.description === undefined ? {} : { description: action.description }),
        input: action.input,
        output: action.output,
        execute: (input) => tool.execute(input),
      };
    }
    this.actions = actions;
    this.toolset = toolset;
  }

  /** The headers and query parameters the auth scheme adds (secrets read from the environment now). */
  auth(): Promise<AuthParts> {
    return this.authenticator.parts();
  }

  /** The raw executor of an action (no validation: the tool path validates). */
  executor(actionName: string): ToolExecutorV1 | undefined {
    const action = Object.hasOwn(this.graph.actions, actionName) ? this.graph.actions[actionName] : undefined;
    if (action === undefined) return undefined;
    const spec = {
      request: action.request,
      source: `Integration "${this.name}" action "${action.name}"`,
      baseUrl: this.graph.baseUrl,
      headers: this.graph.headers,
      ...(this.graph.timeoutMs === undefined ? {} : { timeoutMs: this.graph.timeoutMs }),
    };
    return (input, context) =>
      callHttp(spec, input, {
        auth: this.authenticator,
        policy: this.options.policy,
        signal: context.signal,
      });
  }
}

/**
 * The name model APIs accept (`[a-zA-Z0-9_-]`): `crm.get-customer` -> `crm__get-customer`.
 *
 * @example
 * modelSafeToolName('crm.get-customer'); // 'crm__get-customer'
 */
export function modelSafeToolName(name: string): string {
  return name.replaceAll('.', '__').replace(/[^a-zA-Z0-9_-]/g, '_');
}
