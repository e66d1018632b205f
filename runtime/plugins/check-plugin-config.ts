import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { weftError } from '../errors/create-weft-error.js';
import type { PluginV1 } from '../spec/v1/plugin.js';

let sharedAjv: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  sharedAjv ??= new Ajv2020({ strict: false, allErrors: true });
  return sharedAjv;
}

/** The config field an Ajv error is about, as a dotted path (`retry.max`), or `(root)`. */
function fieldOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required' && typeof params.missingProperty === 'string')
    segments.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
    segments.push(params.additionalProperty);
  return segments.length === 0 ? '(root)' : segments.join('.');
}

/**
 * Checks a plugin's config against its `configSchema` (JSON Schema draft 2020-12) before `setup`
 * runs. A config that does not match is `PLUGIN_CONFIG_INVALID`, naming the plugin and the field;
 * a schema that does not compile is `PLUGIN_INVALID`. Values are never echoed (they may be secrets).
 *
 * @example
 * checkPluginConfig(plugin, { region: 'eu' }); // throws PLUGIN_CONFIG_INVALID when `region` is wrong
 */
export function checkPluginConfig(plugin: PluginV1<never>, config: unknown): void {
  if (plugin.configSchema === undefined) return;
  let validate: ReturnType<Ajv2020['compile']>;
  try {
    validate = ajv().compile(plugin.configSchema);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw weftError('PLUGIN_INVALID', {
      message: `Invalid plugin: the configSchema of plugin "${plugin.name}" is not a valid JSON Schema: ${reason}.`,
      details: { plugin: plugin.name, problem: 'configSchema' },
      cause,
    });
  }
  if (validate(config)) return;
  const issues = (validate.errors ?? []).map((error) => ({
    field: fieldOf(error),
    message: error.message ?? 'is invalid',
  }));
  const first = issues[0] ?? { field: '(root)', message: 'is invalid' };
  throw weftError('PLUGIN_CONFIG_INVALID', {
    message: `The config of plugin "${plugin.name}" is invalid: field "${first.field}" ${first.message}.`,
    details: { plugin: plugin.name, field: first.field, issues },
  });
}
