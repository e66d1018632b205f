import { weftError } from '../errors/create-weft-error.js';
import type { PluginV1 } from '../spec/v1/plugin.js';

const pluginName = /^[a-z0-9@][a-z0-9._/@-]*$/;

/**
 * Declares a plugin: checks its shape (a lower-case `name`, `apiVersion: 'v1'`, a `setup`
 * function) and returns it unchanged. A bad shape is `PLUGIN_INVALID`.
 *
 * @example
 * export default definePlugin({
 *   name: 'billing',
 *   apiVersion: 'v1',
 *   setup(registry) { registry.tool('lookup-order', async ({ orderId }: { orderId: string }) => ({ orderId, total: 1 })); },
 * });
 */
export function definePlugin<Config = unknown>(plugin: PluginV1<Config>): PluginV1<Config> {
  const problem = pluginProblem(plugin);
  if (problem !== undefined)
    throw weftError('PLUGIN_INVALID', { message: `Invalid plugin: ${problem}.`, details: { problem } });
  return plugin;
}

/**
 * Why a value is not a plugin (undefined when it is one).
 *
 * @example
 * pluginProblem({ name: 'x', apiVersion: 'v2', setup() {} }); // 'apiVersion must be "v1" (got "v2")'
 */
export function pluginProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'a plugin is an object made with definePlugin()';
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.name !== 'string' || !pluginName.test(candidate.name)) {
    return `name must be a lower-case name (got ${JSON.stringify(candidate.name)})`;
  }
  if (candidate.apiVersion !== 'v1')
    return `apiVersion must be "v1" (got ${JSON.stringify(candidate.apiVersion)})`;
  if (typeof candidate.setup !== 'function')
    return `plugin "${candidate.name}" has no setup(registry) function`;
  return undefined;
}
