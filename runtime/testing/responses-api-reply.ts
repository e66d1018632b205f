import type { ScriptedCompletion } from './scripted-reply.js';
import { argumentsText, splitIntoChunks } from './to-scripted-completion.js';

/** The ids and clock values of one Responses API answer. */
export interface ResponsesReplyContext {
  readonly responseId: string;
  readonly messageId: string;
  readonly model: string;
  /** Seconds since the epoch. */
  readonly createdAt: number;
  /** Item id of each tool call (`fc_...`), in order. */
  readonly functionCallIds: readonly string[];
}

/** One server-sent event: its `event:` name and JSON `data`. */
export interface ServerSentEvent {
  readonly event?: string;
  readonly data: unknown;
}

type Item = Record<string, unknown>;

function outputItems(completion: ScriptedCompletion, context: ResponsesReplyContext): Item[] {
  const items: Item[] = [];
  if (completion.text.length > 0 || completion.toolCalls.length === 0) {
    items.push({
      type: 'message',
      id: context.messageId,
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: completion.text, annotations: [] }],
    });
  }
  completion.toolCalls.forEach((call, index) => {
    items.push({
      type: 'function_call',
      id: context.functionCallIds[index] ?? `fc_${index}`,
      call_id: call.id,
      name: call.name,
      arguments: argumentsText(call),
      status: 'completed',
    });
  });
  return items;
}

function responseObject(
  completion: ScriptedCompletion,
  context: ResponsesReplyContext,
  output: Item[],
): Item {
  const { inputTokens, outputTokens } = completion.usage;
  const incomplete = completion.finishReason === 'length';
  return {
    id: context.responseId,
    object: 'response',
    created_at: context.createdAt,
    model: context.model,
    status: incomplete ? 'incomplete' : 'completed',
    error: null,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    output,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  };
}

/**
 * The JSON body of a non-streaming `POST /v1/responses` answer.
 *
 * @example
 * responsesJson({ text: 'Hi', toolCalls: [], finishReason: 'stop', usage }, context).output[0].content[0].text; // 'Hi'
 */
export function responsesJson(completion: ScriptedCompletion, context: ResponsesReplyContext): Item {
  return responseObject(completion, context, outputItems(completion, context));
}

function itemEvents(item: Item, outputIndex: number): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const id = String(item.id);
  if (item.type === 'message') {
    const text = String((item.content as { text: string }[])[0]?.text ?? '');
    events.push({
      data: {
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', content: [] },
      },
    });
    for (const delta of splitIntoChunks(text)) {
      events.push({
        data: {
          type: 'response.output_text.delta',
          item_id: id,
          output_index: outputIndex,
          content_index: 0,
          delta,
          logprobs: [],
        },
      });
    }
    events.push({
      data: {
        type: 'response.output_text.done',
        item_id: id,
        output_index: outputIndex,
        content_index: 0,
        text,
      },
    });
  } else {
    const args = String(item.arguments);
    events.push({
      data: {
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, arguments: '', status: 'in_progress' },
      },
    });
    for (const delta of splitIntoChunks(args)) {
      events.push({
        data: {
          type: 'response.function_call_arguments.delta',
          item_id: id,
          output_index: outputIndex,
          delta,
        },
      });
    }
    events.push({
      data: {
        type: 'response.function_call_arguments.done',
        item_id: id,
        output_index: outputIndex,
        arguments: args,
      },
    });
  }
  events.push({ data: { type: 'response.output_item.done', output_index: outputIndex, item } });
  return events;
}

/**
 * The server-sent events of a streaming `POST /v1/responses` answer, in the order the OpenAI API
 * sends them: `response.created`, per output item `output_item.added`, its deltas and
 * `output_item.done`, then `response.completed` (or `response.incomplete`) with usage.
 *
 * @example
 * responsesEvents(completion, context).map((event) => event.event); // ['response.created', ...]
 */
export function responsesEvents(
  completion: ScriptedCompletion,
  context: ResponsesReplyContext,
): ServerSentEvent[] {
  const output = outputItems(completion, context);
  const created = { ...responseObject(completion, context, []), status: 'in_progress', usage: null };
  const final = responseObject(completion, context, output);
  const events: ServerSentEvent[] = [
    { data: { type: 'response.created', response: created } },
    ...output.flatMap((item, index) => itemEvents(item, index)),
    {
      data: {
        type: final.status === 'incomplete' ? 'response.incomplete' : 'response.completed',
        response: final,
      },
    },
  ];
  return events.map((event, index) => {
    const data: Item = { ...(event.data as Item), sequence_number: index };
    return { event: String(data.type), data };
  });
}
