/**
 * Splits text into sentences, each keeping its trailing whitespace, so that joining them gives the
 * text back. A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or brackets)
 * before whitespace, or at a blank line.
 *
 * @example
 * splitSentences('Hi there. How are you?'); // ['Hi there. ', 'How are you?']
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /(?<=[.!?]["')\]]*)\s+|\n\s*\n\s*/g;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    sentences.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences.filter((sentence) => sentence !== '');
}
