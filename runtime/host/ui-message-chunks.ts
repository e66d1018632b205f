import type { UIMessageChunk } from 'ai';
import type { StreamChunk } from '../agent/agent-types.js';

/**
 * Translates an agent stream (`StreamChunk`s) into the AI SDK's UI message stream protocol
 * (`UIMessageChunk`s, what `useChat` from `@ai-sdk/react` reads): `start`, `start-step`, text as
 * `text-start` / `text-delta` / `text-end`, tool calls as `tool-input-available` then
 * `tool-output-available` (or `tool-output-error`), a new step after tool results, an `error`
 * chunk for a failure, then `finish-step` and `finish`.
 *
 * @example
 * const ui = new UiMessageChunks('msg-1');
 * ui.start(); // [{ type: 'start', messageId: 'msg-1' }, { type: 'start-step' }]
 * ui.push({ type: 'text', content: 'Hi' }); // [{ type: 'text-start', id: 'text-1' }, { type: 'text-delta', ... }]
 * ui.finish(); // [..., { type: 'finish', finishReason: 'stop' }]
 */
export class UiMessageChunks {
  private textId: string | undefined;
  private texts = 0;
  /** True after a tool result: the next text or tool call belongs to the next step. */
  private stepEnded = false;
  private failed = false;
  private toolCalls = 0;

  constructor(private readonly messageId: string | undefined) {}

  /** The chunks that open the message. */
  start(): UIMessageChunk[] {
    return [
      this.messageId === undefined ? { type: 'start' } : { type: 'start', messageId: this.messageId },
      { type: 'start-step' },
    ];
  }

  /** The chunks of one agent stream chunk. */
  push(chunk: StreamChunk): UIMessageChunk[] {
    if (chunk.type === 'error') {
      this.failed = true;
      return [...this.endText(), { type: 'error', errorText: chunk.content }];
    }
    const opensStep = chunk.type === 'text' || chunk.metadata?.phase === 'call';
    const out = opensStep ? this.nextStep() : [];
    if (chunk.type === 'text') {
      if (this.textId === undefined) {
        this.texts += 1;
        this.textId = `text-${this.texts}`;
        out.push({ type: 'text-start', id: this.textId });
      }
      out.push({ type: 'text-delta', id: this.textId, delta: chunk.content });
      return out;
    }
    out.push(...this.endText(), ...this.toolChunks(chunk));
    return out;
  }

  /** The chunks that close the message. */
  finish(): UIMessageChunk[] {
    return [
      ...this.endText(),
      { type: 'finish-step' },
      { type: 'finish', finishReason: this.failed ? 'error' : 'stop' },
    ];
  }

  private toolChunks(chunk: StreamChunk): UIMessageChunk[] {
    const metadata = chunk.metadata ?? {};
    const toolCallId = typeof metadata.toolCallId === 'string' ? metadata.toolCallId : this.nextToolCallId();
    switch (metadata.phase) {
      case 'call':
        return [
          { type: 'tool-input-available', toolCallId, toolName: chunk.content, input: metadata.input ?? {} },
        ];
      case 'result':
        this.stepEnded = true;
        return [{ type: 'tool-output-available', toolCallId, output: metadata.output ?? null }];
      case 'error':
        this.stepEnded = true;
        return [
          { type: 'tool-output-error', toolCallId, errorText: String(metadata.error ?? 'The tool failed.') },
        ];
      default:
        return [];
    }
  }

  private nextStep(): UIMessageChunk[] {
    if (!this.stepEnded) return [];
    this.stepEnded = false;
    return [...this.endText(), { type: 'finish-step' }, { type: 'start-step' }];
  }

  private endText(): UIMessageChunk[] {
    if (this.textId === undefined) return [];
    const id = this.textId;
    this.textId = undefined;
    return [{ type: 'text-end', id }];
  }

  private nextToolCallId(): string {
    this.toolCalls += 1;
    return `call-${this.toolCalls}`;
  }
}
