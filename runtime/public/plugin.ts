/**
 * `weft/plugin`: what a plugin author needs, and nothing else: `definePlugin`, the contracts a
 * plugin implements (tool executors, storage adapters) and the errors it may throw.
 *
 * @example
 * import { definePlugin } from 'weft/plugin';
 * export default definePlugin({ name: 'billing', apiVersion: 'v1', setup(registry) { registry.tool('refund', async () => ({ ok: true })); } });
 */

export { weftError } from '../errors/create-weft-error.js';
export { IntegrationError } from '../errors/integration-error.js';
export { StorageError } from '../errors/storage-error.js';
export { ToolError } from '../errors/tool-error.js';
export { WeftError } from '../errors/weft-error.js';
export { definePlugin } from '../plugins/define-plugin.js';
export type {
  PluginRegistryV1,
  PluginV1,
  StorageFactoryContextV1,
  StorageFactoryV1,
} from '../spec/v1/plugin.js';
export type {
  JournalEntryV1,
  MessageRecordV1,
  RunExpectationV1,
  RunPatchV1,
  RunQueryV1,
  RunRecordV1,
  StorageV1,
  ThreadRecordV1,
} from '../spec/v1/storage.js';
export type { LoggerV1, ToolContextV1, ToolExecutorV1 } from '../spec/v1/tool-executor.js';
