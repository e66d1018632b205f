import { weftError } from '../errors/create-weft-error.js';
import type { WeftError } from '../errors/weft-error.js';
import type { MessageRoleV1 } from '../spec/v1/storage.js';
import type { MessageInput } from './memory-types.js';

const roles: readonly MessageRoleV1[] = ['system', 'user', 'assistant', 'tool'];

/** Every part type, with its required string fields and the other fields it may carry. */
const partShapes: Readonly<Record<string, { strings: readonly string[]; optional: readonly string[] }>> = {
  text: { strings: ['text'], optional: [] },
  reasoning: { strings: ['text'], optional: [] },
  image: { strings: [], optional: ['image', 'mediaType'] },
  file: { strings: ['mediaType'], optional: ['data', 'filename'] },
  'tool-call': { strings: ['toolCallId', 'toolName'], optional: ['input', 'providerExecuted'] },
  'tool-result': { strings: ['toolCallId', 'toolName'], optional: ['output'] },
  'tool-approval-request': {
    strings: ['approvalId', 'toolCallId'],
    optional: ['signature', 'inputSchemaInput'],
  },
  'tool-approval-response': { strings: ['approvalId'], optional: ['approved', 'reason', 'providerExecuted'] },
};

/** Part types each role may use (`system` takes a string only). */
const partsOfRole: Readonly<Record<MessageRoleV1, readonly string[]>> = {
  system: [],
  user: ['text', 'image', 'file'],
  assistant: ['text', 'reasoning', 'file', 'tool-call', 'tool-result', 'tool-approval-request'],
  tool: ['tool-result', 'tool-approval-response'],
};

const messageFields = new Set(['id', 'threadId', 'resourceId', 'role', 'content', 'createdAt']);
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const idPattern = /^[^\u0000-\u001f\u007f]{1,256}$/u;

function invalid(pointer: string, reason: string): WeftError {
  return weftError('MESSAGE_INVALID', {
    message: `The message at ${pointer === '' ? 'the top level' : pointer} is invalid: ${reason}.`,
    details: { pointer, issues: [{ pointer, message: reason }] },
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkId(value: unknown, pointer: string, what: string): void {
  if (typeof value !== 'string' || !idPattern.test(value))
    throw invalid(pointer, `${what} must be 1 to 256 characters without control characters`);
}

function checkPart(part: unknown, role: MessageRoleV1, pointer: string): void {
  if (!isObject(part)) throw invalid(pointer, 'a content part must be an object');
  const type = part.type;
  const shape = typeof type === 'string' ? partShapes[type] : undefined;
  if (shape === undefined || typeof type !== 'string')
    throw invalid(`${pointer}/type`, `unknown part type ${JSON.stringify(type)}`);
  if (!partsOfRole[role].includes(type))
    throw invalid(`${pointer}/type`, `a ${role} message cannot hold a "${type}" part`);
  for (const field of shape.strings)
    if (typeof part[field] !== 'string') throw invalid(`${pointer}/${field}`, `"${field}" must be a string`);
  const allowed = new Set(['type', 'providerOptions', ...shape.strings, ...shape.optional]);
  for (const key of Object.keys(part))
    if (!allowed.has(key)) throw invalid(`${pointer}/${key}`, `unknown field "${key}" in a "${type}" part`);
}

function checkContent(content: unknown, role: MessageRoleV1, pointer: string): void {
  if (typeof content === 'string') {
    if (role === 'tool') throw invalid(pointer, 'a tool message holds tool-result parts, not a string');
    return;
  }
  if (role === 'system') throw invalid(pointer, 'a system message content must be a string');
  if (!Array.isArray(content) || content.length === 0)
    throw invalid(pointer, 'content must be a string or a non-empty array of parts');
  content.forEach((part, index) => {
    checkPart(part, role, `${pointer}/${index}`);
  });
}

/**
 * Checks one message to save: only known fields; `role` one of system, user, assistant, tool;
 * `content` a string (not for `tool`) or a non-empty array of parts the role may hold, each with
 * its required fields; `id`, `threadId`, `resourceId` 1 to 256 characters without control
 * characters; `createdAt` a non-negative integer. Throws `MESSAGE_INVALID` (400) with the JSON
 * pointer of the first problem (under `pointer`, e.g. `/messages/0`).
 *
 * @example
 * validateMessage({ threadId: 't-1', role: 'user', content: 'hi' }, '/messages/0'); // the message, typed
 */
export function validateMessage(value: unknown, pointer: string): MessageInput {
  if (!isObject(value)) throw invalid(pointer, 'a message must be an object');
  for (const key of Object.keys(value))
    if (!messageFields.has(key)) throw invalid(`${pointer}/${key}`, `unknown field "${key}"`);
  if (value.id !== undefined) checkId(value.id, `${pointer}/id`, 'id');
  checkId(value.threadId, `${pointer}/threadId`, 'threadId');
  if (value.resourceId !== undefined) checkId(value.resourceId, `${pointer}/resourceId`, 'resourceId');
  const role = value.role;
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role))
    throw invalid(`${pointer}/role`, `role must be one of ${roles.join(', ')}`);
  checkContent(value.content, role as MessageRoleV1, `${pointer}/content`);
  const createdAt = value.createdAt;
  if (
    createdAt !== undefined &&
    (typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt) || createdAt < 0)
  )
    throw invalid(`${pointer}/createdAt`, 'createdAt must be a non-negative integer (epoch milliseconds)');
  return value as unknown as MessageInput;
}
