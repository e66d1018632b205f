import type { ScriptedMessage, ScriptedRequest, ScriptedTool, ScriptedToolCall } from './scripted-reply.js';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses JSON text, or gives the text back when it is not JSON. */
export function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The text of a content field: a string, or the text of its text parts joined. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((text) => text.length > 0)
    .join('\n');
}

/** Fills `toolName` of tool messages from the calls earlier in the prompt. */
export function nameToolResults(messages: ScriptedMessage[]): ScriptedMessage[] {
  const names = new Map<string, string>();
  return messages.map((message) => {
    for (const call of message.toolCalls) names.set(call.id, call.name);
    if (message.role !== 'tool' || message.toolCallId === undefined) return message;
    const toolName = names.get(message.toolCallId);
    return toolName === undefined ? message : { ...message, toolName };
  });
}

function pushToolCall(messages: ScriptedMessage[], call: ScriptedToolCall): void {
  const last = messages.at(-1);
  if (last?.role === 'assistant') {
    messages[messages.length - 1] = { ...last, toolCalls: [...last.toolCalls, call] };
  } else {
    messages.push({ role: 'assistant', text: '', toolCalls: [call] });
  }
}

function inputItemToMessages(
  item: Json,
  messages: ScriptedMessage[],
  itemTexts: ReadonlyMap<string, string>,
): void {
  if (item.type === 'function_call') {
    const args = typeof item.arguments === 'string' ? parseMaybeJson(item.arguments) : item.arguments;
    pushToolCall(messages, { id: String(item.call_id), name: String(item.name), arguments: args });
    return;
  }
  if (item.type === 'function_call_output') {
    const output = typeof item.output === 'string' ? item.output : contentText(item.output);
    messages.push({
      role: 'tool',
      text: output,
      toolCalls: [],
      toolCallId: String(item.call_id),
      result: parseMaybeJson(output),
    });
    return;
  }
  if (item.type === 'item_reference') {
    const text = itemTexts.get(String(item.id));
    if (text !== undefined) messages.push({ role: 'assistant', text, toolCalls: [] });
    return;
  }
  const role = item.role === 'developer' ? 'system' : item.role;
  if (role === 'system' || role === 'user' || role === 'assistant') {
    messages.push({ role, text: contentText(item.content), toolCalls: [] });
  }
}

function responsesFormat(body: Json): ScriptedRequest['responseFormat'] {
  const format = isRecord(body.text) ? body.text.format : undefined;
  if (!isRecord(format)) return undefined;
  if (format.type === 'json_schema') {
    return typeof format.name === 'string'
      ? { type: 'json_schema', name: format.name, schema: format.schema }
      : { type: 'json_schema', schema: format.schema };
  }
  return format.type === 'json_object' ? { type: 'json_object' } : undefined;
}

/**
 * Normalises a `POST /v1/responses` body. `itemTexts` maps the ids of messages this server sent
 * to their text, so that `item_reference` inputs (sent when `store` is on) read as assistant text.
 *
 * @example
 * normaliseResponsesRequest({ model: 'gpt-4o-mini', input: [{ role: 'user', content: 'Hi' }] }, {}, new Map());
 */
export function normaliseResponsesRequest(
  body: Json,
  headers: Readonly<Record<string, string>>,
  itemTexts: ReadonlyMap<string, string>,
): ScriptedRequest {
  const messages: ScriptedMessage[] = [];
  if (typeof body.instructions === 'string')
    messages.push({ role: 'system', text: body.instructions, toolCalls: [] });
  const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  for (const item of Array.isArray(input) ? input : []) {
    if (isRecord(item)) inputItemToMessages(item, messages, itemTexts);
  }
  const tools: ScriptedTool[] = (Array.isArray(body.tools) ? body.tools : [])
    .filter((tool): tool is Json => isRecord(tool) && tool.type === 'function')
    .map((tool) =>
      typeof tool.description === 'string'
        ? { name: String(tool.name), description: tool.description, parameters: tool.parameters }
        : { name: String(tool.name), parameters: tool.parameters },
    );
  const responseFormat = responsesFormat(body);
  const request = {
    endpoint: 'responses' as const,
    model: String(body.model),
    messages: nameToolResults(messages),
    tools,
    stream: body.stream === true,
    body,
    headers,
  };
  return responseFormat === undefined ? request : { ...request, responseFormat };
}
