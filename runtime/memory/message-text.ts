/**
 * The text of a message that semantic recall embeds: the string content, or the `text` parts
 * joined by new lines. Tool calls, tool results, reasoning, images and files are not embedded
 * (recall finds what was said, not what tools returned); a message without text gives ''.
 *
 * @example
 * messageText([{ type: 'text', text: 'Hello' }, { type: 'tool-call', toolCallId: 'c1', toolName: 'x', input: {} }]); // 'Hello'
 */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content.trim();
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part !== 'object' || part === null) continue;
    const { type, text } = part as { type?: unknown; text?: unknown };
    if (type === 'text' && typeof text === 'string' && text.trim() !== '') texts.push(text.trim());
  }
  return texts.join('\n');
}
