import { weftError } from '../errors/create-weft-error.js';
import type { WeftError } from '../errors/weft-error.js';
import { closestName } from '../text/closest-name.js';

/**
 * The `MODEL_PROVIDER_UNKNOWN` error for a model spec: no provider part at all, or a provider no
 * one declares, with a did-you-mean among the `known` providers.
 *
 * @example
 * unknownProviderError('opena:gpt-4o', 'opena', ['openai']).message;
 * // 'Unknown model provider "opena" in "opena:gpt-4o". Did you mean "openai"?'
 */
export function unknownProviderError(
  spec: string,
  provider: string | undefined,
  known: readonly string[],
): WeftError {
  const names = [...new Set(known)].sort();
  if (provider === undefined) {
    return weftError('MODEL_PROVIDER_UNKNOWN', {
      message: `The model "${spec}" names no provider: write it as provider:model (for example openai:gpt-4o-mini).`,
      details: { model: spec, known: names },
    });
  }
  const suggestion = closestName(provider, names);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  return weftError('MODEL_PROVIDER_UNKNOWN', {
    message: `Unknown model provider "${provider}" in "${spec}".${hint}`,
    details: { model: spec, provider, known: names, ...(suggestion === undefined ? {} : { suggestion }) },
  });
}
