import type {
  JournalEntryV1,
  JournalStatusV1,
  MessageRecordV1,
  MessageRoleV1,
  RunErrorV1,
  RunRecordV1,
  RunStatusV1,
  SuspensionV1,
  ThreadRecordV1,
} from '../../spec/v1/storage.js';
import type { SqlRow } from './sql-driver.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A JSON value as a `jsonb` parameter: its JSON text, or SQL `NULL` for `undefined` (absent).
 *
 * @example
 * await driver.query('UPDATE weft_runs SET output = $2::jsonb WHERE id = $1', [id, jsonParam(output)]);
 */
export function jsonParam(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** A `bigint` column (a string from `pg`, a number from PGlite) as a number; `NULL` as undefined. */
function numberColumn(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

function textColumn(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined;
}

/**
 * A `jsonb` column selected as text (`column::text`): SQL `NULL` is absent, JSON `null` stays `null`.
 * Parsing here, not in the driver, keeps both drivers identical.
 */
function jsonColumn(value: unknown): unknown {
  return value === null || value === undefined ? undefined : JSON.parse(String(value));
}

/**
 * Maps a `weft_runs` row to a run record (absent fields left out, never `undefined`-valued).
 *
 * @example
 * const run = runFromRow(rows[0]);
 */
export function runFromRow(row: SqlRow): RunRecordV1 {
  const run: Mutable<RunRecordV1> = {
    id: String(row.id),
    workflow: String(row.workflow),
    workflowHash: String(row.workflow_hash),
    status: String(row.status) as RunStatusV1,
    input: jsonColumn(row.input),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
  if (present(row.output)) run.output = jsonColumn(row.output);
  if (present(row.error)) run.error = jsonColumn(row.error) as RunErrorV1;
  if (present(row.suspended)) run.suspended = jsonColumn(row.suspended) as SuspensionV1[];
  const wakeAt = numberColumn(row.wake_at);
  if (wakeAt !== undefined) run.wakeAt = wakeAt;
  const parentRunId = textColumn(row.parent_run_id);
  if (parentRunId !== undefined) run.parentRunId = parentRunId;
  const parentStep = textColumn(row.parent_step);
  if (parentStep !== undefined) run.parentStep = parentStep;
  const leaseOwner = textColumn(row.lease_owner);
  if (leaseOwner !== undefined) run.leaseOwner = leaseOwner;
  const leaseExpiresAt = numberColumn(row.lease_expires_at);
  if (leaseExpiresAt !== undefined) run.leaseExpiresAt = leaseExpiresAt;
  if (row.cancel_requested === true || row.cancel_requested === false)
    run.cancelRequested = row.cancel_requested;
  return run;
}

/**
 * The JSON text of one journal entry as a packed `weft_journal` row holds it (inside the row's
 * `entries` array): `path, attempt, status, output?, error?, startedAt, endedAt?` in that order,
 * `runId` left out (it is the row's `run_id`), absent fields left out and a `null` output kept.
 * Migration 3 writes the entries of older rows in this shape.
 *
 * @example
 * journalEntryJson({ runId: 'r1', path: 'a', attempt: 1, status: 'completed', output: null, startedAt: 1, endedAt: 2 });
 * // '{"path":"a","attempt":1,"status":"completed","output":null,"startedAt":1,"endedAt":2}'
 */
export function journalEntryJson(entry: JournalEntryV1): string {
  // Written field by field, on the hot path of every step: a plain path or status (the usual case)
  // is quoted as it is, anything else goes through `JSON.stringify`, so an absent field (or one
  // JSON cannot hold) is left out and a non-finite number becomes `null`, as with an object.
  let text = `{"path":${jsonString(entry.path)},"attempt":${jsonNumber(entry.attempt)},"status":${jsonString(entry.status)}`;
  if (entry.output !== undefined) {
    const output = JSON.stringify(entry.output);
    if (output !== undefined) text += `,"output":${output}`;
  }
  if (entry.error !== undefined) {
    const error = JSON.stringify(entry.error);
    if (error !== undefined) text += `,"error":${error}`;
  }
  text += `,"startedAt":${jsonNumber(entry.startedAt)}`;
  return entry.endedAt === undefined ? `${text}}` : `${text},"endedAt":${jsonNumber(entry.endedAt)}}`;
}

/** Characters a JSON string holds as they are (no quote, backslash or control character). */
const plainJsonText = /^[\w\-[\]/.:]*$/;
/**
 * Step paths and statuses already quoted: a workflow has few of them and every step writes them
 * again, so each is checked and quoted once. Bounded: emptied when it reaches the cap (paths
 * inside a large `foreach` are many).
 */
const quotedStrings = new Map<string, string>();
const quotedStringsCap = 4096;

function jsonString(value: string): string {
  const known = quotedStrings.get(value);
  if (known !== undefined) return known;
  const quoted = plainJsonText.test(value) ? `"${value}"` : JSON.stringify(value);
  if (quotedStrings.size >= quotedStringsCap) quotedStrings.clear();
  quotedStrings.set(value, quoted);
  return quoted;
}

function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/**
 * Maps a packed `weft_journal` row (its `entries`, a JSON array of `journalEntryJson` texts) to
 * its journal entries, in the order they were written. A key present in the JSON is present in
 * the entry (a `null` output stays `null`); a key left out is absent.
 *
 * @example
 * const entries = rows.flatMap((row) => journalEntriesFromRow(runId, row));
 */
export function journalEntriesFromRow(runId: string, row: SqlRow): JournalEntryV1[] {
  const packed = JSON.parse(String(row.entries)) as readonly Readonly<Record<string, unknown>>[];
  return packed.map((fields) => {
    const entry: Mutable<JournalEntryV1> = {
      runId,
      path: String(fields.path),
      attempt: Number(fields.attempt),
      status: String(fields.status) as JournalStatusV1,
      startedAt: Number(fields.startedAt),
    };
    if ('output' in fields) entry.output = fields.output;
    if ('error' in fields) entry.error = fields.error as RunErrorV1;
    if ('endedAt' in fields) entry.endedAt = Number(fields.endedAt);
    return entry;
  });
}

/**
 * Maps a `weft_threads` row to a thread record.
 *
 * @example
 * const thread = threadFromRow(rows[0]);
 */
export function threadFromRow(row: SqlRow): ThreadRecordV1 {
  const thread: Mutable<ThreadRecordV1> = {
    id: String(row.id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
  const resourceId = textColumn(row.resource_id);
  if (resourceId !== undefined) thread.resourceId = resourceId;
  const title = textColumn(row.title);
  if (title !== undefined) thread.title = title;
  if (present(row.metadata)) thread.metadata = jsonColumn(row.metadata) as Record<string, unknown>;
  return thread;
}

/**
 * Maps a `weft_messages` row to a message record.
 *
 * @example
 * const messages = rows.map(messageFromRow);
 */
export function messageFromRow(row: SqlRow): MessageRecordV1 {
  const message: Mutable<MessageRecordV1> = {
    id: String(row.id),
    threadId: String(row.thread_id),
    role: String(row.role) as MessageRoleV1,
    content: jsonColumn(row.content),
    createdAt: Number(row.created_at),
  };
  const resourceId = textColumn(row.resource_id);
  if (resourceId !== undefined) message.resourceId = resourceId;
  return message;
}
