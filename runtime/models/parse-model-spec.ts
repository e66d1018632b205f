/** A `provider:model` string split in its two parts. */
export interface ModelSpec {
  readonly provider: string;
  readonly modelId: string;
}

/**
 * Splits `provider:model` at the first colon (a model id may hold colons: `ollama:llama3:8b`).
 * Returns undefined when either part is empty or there is no colon.
 *
 * @example
 * parseModelSpec('openai:gpt-4o-mini'); // { provider: 'openai', modelId: 'gpt-4o-mini' }
 * parseModelSpec('gpt-4o-mini'); // undefined
 */
export function parseModelSpec(spec: string): ModelSpec | undefined {
  const colon = spec.indexOf(':');
  if (colon <= 0 || colon === spec.length - 1) return undefined;
  return { provider: spec.slice(0, colon).trim(), modelId: spec.slice(colon + 1).trim() };
}
