import type { AgentInput, AgentMessage, GenerateOptions } from '../agent/agent-types.js';
import { weftError } from '../errors/create-weft-error.js';
import { validateRequest } from './validate-request.js';

/** One message of a `useChat` request (`UIMessage` of the AI SDK): its text parts are read. */
interface UiChatMessage {
  readonly id?: string;
  readonly role: 'system' | 'user' | 'assistant';
  readonly parts: readonly { readonly type: string; readonly text?: unknown }[];
}

/** The body `useChat` (`DefaultChatTransport`) posts, plus weft's optional call fields. */
interface UiChatBody {
  readonly id?: string;
  readonly messages: readonly UiChatMessage[];
  readonly trigger?: string;
  readonly messageId?: string;
  readonly threadId?: string;
  readonly resourceId?: string;
  readonly context?: unknown;
}

const idSchema = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** Closed at the top level; message parts other than text are accepted and skipped. */
export const uiChatBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['messages'],
  properties: {
    id: { type: 'string' },
    messages: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['role', 'parts'],
        properties: {
          id: { type: 'string' },
          role: { enum: ['system', 'user', 'assistant'] },
          parts: {
            type: 'array',
            items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
          },
        },
      },
    },
    trigger: { type: 'string' },
    messageId: { type: 'string' },
    threadId: idSchema,
    resourceId: idSchema,
    context: {},
  },
} as const;

/**
 * Reads a `useChat` request body (`{ id, messages: UIMessage[], trigger, messageId }`, plus
 * optional `threadId`, `resourceId`, `context`) as an agent call: each message's text parts joined
 * (tool and file parts are not replayed to the model). With a `threadId`, memory holds the
 * conversation, so only the last message is sent.
 *
 * @example
 * const { input, options } = uiChatCall({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }] });
 * // input: { messages: [{ role: 'user', content: 'Hi' }] }
 */
export function uiChatCall(body: unknown): { input: AgentInput; options: GenerateOptions } {
  const call = validateRequest<UiChatBody>(uiChatBodySchema, body ?? {}, 'request body');
  const chosen = call.threadId === undefined ? call.messages : call.messages.slice(-1);
  const messages: AgentMessage[] = [];
  for (const message of chosen) {
    const content = message.parts
      .filter((part) => part.type === 'text' && typeof part.text === 'string')
      .map((part) => String(part.text))
      .join('');
    if (content !== '') messages.push({ role: message.role, content });
  }
  if (messages.length === 0) {
    throw weftError('VALIDATION_FAILED', {
      message: 'The request body is invalid: /messages has no text to send to the agent.',
      details: { pointer: '/messages' },
    });
  }
  const options: GenerateOptions = {
    ...(call.threadId === undefined ? {} : { threadId: call.threadId }),
    ...(call.resourceId === undefined ? {} : { resourceId: call.resourceId }),
    ...(call.context === undefined ? {} : { context: call.context }),
  };
  return { input: { messages }, options };
}
