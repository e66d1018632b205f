/**
 * One server-sent event: its `event:` name (`message` when absent), its joined `data:` lines, and
 * its `id:` when the message has one.
 */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Parses a `text/event-stream` body into events; comments and `retry:` fields are ignored.
 *
 * @example
 * for await (const { event, data } of parseEventStream(response.body)) if (event !== 'end') console.log(JSON.parse(data));
 */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // an event not ended by a blank line when the stream ends is discarded (as the SSE standard says)
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // a trailing CR may be the first half of a CRLF split across chunks: wait for the next one
      const carry = buffer.endsWith('\r') ? '\r' : '';
      const lines = (carry === '' ? buffer : buffer.slice(0, -1)).split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? '') + carry;
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0 || event !== '') {
            const message = { event: event || 'message', data: data.join('\n') };
            yield id === undefined ? message : { ...message, id };
          }
          event = '';
          data = [];
          id = undefined;
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const raw = colon === -1 ? '' : line.slice(colon + 1);
        const text = raw.startsWith(' ') ? raw.slice(1) : raw;
        if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
        else if (field === 'id' && !text.includes('\0')) id = text;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
