import { contentText, nameToolResults, parseMaybeJson } from './normalise-responses-request.js';
import type { ScriptedMessage, ScriptedRequest, ScriptedTool } from './scripted-reply.js';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function chatMessage(message: Json): ScriptedMessage | undefined {
  const text = contentText(message.content);
  if (message.role === 'tool') {
    return {
      role: 'tool',
      text,
      toolCalls: [],
      toolCallId: String(message.tool_call_id),
      result: parseMaybeJson(text),
    };
  }
  const role = message.role === 'developer' ? 'system' : message.role;
  if (role !== 'system' && role !== 'user' && role !== 'assistant') return undefined;
  const toolCalls = (Array.isArray(message.tool_calls) ? message.tool_calls : [])
    .filter(isRecord)
    .map((call) => {
      const fn = isRecord(call.function) ? call.function : {};
      const args = typeof fn.arguments === 'string' ? parseMaybeJson(fn.arguments) : fn.arguments;
      return { id: String(call.id), name: String(fn.name), arguments: args };
    });
  return { role, text, toolCalls };
}

function chatFormat(body: Json): ScriptedRequest['responseFormat'] {
  const format = body.response_format;
  if (!isRecord(format)) return undefined;
  if (format.type === 'json_schema') {
    const spec = isRecord(format.json_schema) ? format.json_schema : {};
    return typeof spec.name === 'string'
      ? { type: 'json_schema', name: spec.name, schema: spec.schema }
      : { type: 'json_schema', schema: spec.schema };
  }
  return format.type === 'json_object' ? { type: 'json_object' } : undefined;
}

/**
 * Normalises a `POST /v1/chat/completions` body.
 *
 * @example
 * normaliseChatRequest({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, {});
 */
export function normaliseChatRequest(body: Json, headers: Readonly<Record<string, string>>): ScriptedRequest {
  const messages = (Array.isArray(body.messages) ? body.messages : [])
    .filter(isRecord)
    .map(chatMessage)
    .filter((message): message is ScriptedMessage => message !== undefined);
  const tools: ScriptedTool[] = (Array.isArray(body.tools) ? body.tools : [])
    .filter((tool): tool is Json => isRecord(tool) && isRecord(tool.function))
    .map((tool) => {
      const fn = tool.function as Json;
      return typeof fn.description === 'string'
        ? { name: String(fn.name), description: fn.description, parameters: fn.parameters }
        : { name: String(fn.name), parameters: fn.parameters };
    });
  const responseFormat = chatFormat(body);
  const request = {
    endpoint: 'chat.completions' as const,
    model: String(body.model),
    messages: nameToolResults(messages),
    tools,
    stream: body.stream === true,
    body,
    headers,
  };
  return responseFormat === undefined ? request : { ...request, responseFormat };
}
