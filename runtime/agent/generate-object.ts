import type { ModelMessage } from 'ai';
import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import { weftError } from '../errors/create-weft-error.js';
import type { JsonSchemaV1 } from '../spec/v1/graph.js';
import type { GenerateObjectResult } from './agent-types.js';
import { callSettings } from './call-settings.js';
import { checkFinish } from './check-finish.js';
import { saveCallMessages } from './generate.js';
import { modelSchema } from './model-schema.js';
import type { PreparedCall } from './prepare-call.js';
import { partialResults, toAgentError } from './to-agent-error.js';

/**
 * Runs a prepared call for a structured answer (`Output.object` over the JSON Schema, validated by
 * Ajv). Output that does not parse or match is retried once, with the reason told to the model;
 * a second invalid answer is `AGENT_OUTPUT_INVALID` (details: the reason, the steps, the usage of
 * both attempts).
 *
 * @example
 * const { object, usage } = await runGenerateObject<{ answer: string }>(call, graph.agents.support.output);
 */
export async function runGenerateObject<T>(
  call: PreparedCall,
  schema: JsonSchemaV1,
): Promise<GenerateObjectResult<T>> {
  const output = aiSdk().Output.object({ schema: modelSchema(schema) });
  let extra: ModelMessage[] = [];
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await aiSdk().generateText({ ...callSettings(call, extra), output });
        checkFinish(call);
        await saveCallMessages(call, result.response.messages);
        return { object: result.output as T, usage: call.state.usage };
      } catch (error) {
        if (!aiSdk().NoObjectGeneratedError.isInstance(error) || call.state.fatal !== undefined) throw error;
        const reason = error.cause instanceof Error ? error.cause.message : error.message;
        if (attempt >= 2) {
          throw weftError('AGENT_OUTPUT_INVALID', {
            message: `The model of agent "${call.agent.name}" gave invalid structured output twice: ${reason}`,
            details: { reason, ...partialResults(call) },
            cause: error,
          });
        }
        extra = [
          { role: 'assistant', content: error.text ?? '' },
          {
            role: 'user',
            content: `That answer is not valid: ${reason}. Answer again with only a JSON value that matches the schema.`,
          },
        ];
      }
    }
  } catch (error) {
    throw toAgentError(error, call);
  } finally {
    call.dispose();
  }
}
