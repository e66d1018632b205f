import type {
  RunDocument,
  RunErrorBody,
  StepAttempt,
  StepRecord,
  SuspendedStep,
} from '../public/api-types.js';
import type { JournalEntryV1, RunErrorV1, RunRecordV1 } from '../spec/v1/storage.js';

/**
 * The run as the API, the CLI and `run.start()` report it: the record plus its steps (one entry
 * per step path, in the order they first started, with every attempt). Timestamps are ISO-8601.
 *
 * @example
 * const doc = toRunDocument(await storage.getRun(id), await storage.getJournal(id));
 * doc.steps[0]; // { path: 'lookup', status: 'completed', attempts: [{ attempt: 1, status: 'completed', ... }] }
 */
export function toRunDocument(record: RunRecordV1, journal: readonly JournalEntryV1[]): RunDocument {
  const document: RunDocument = {
    runId: record.id,
    workflow: record.workflow,
    status: record.status,
    input: record.input,
    steps: [],
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
  // `steps` is built on first read (JSON.stringify and spreads read it): a caller that only looks
  // at the status or the output does not pay for formatting every attempt.
  Object.defineProperty(document, 'steps', {
    enumerable: true,
    configurable: true,
    get(): StepRecord[] {
      const steps = toSteps(journal);
      Object.defineProperty(document, 'steps', {
        value: steps,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return steps;
    },
  });
  if (record.output !== undefined) document.output = record.output;
  if (record.error !== undefined) document.error = toErrorBody(record.error);
  if (record.suspended !== undefined && record.suspended.length > 0) {
    document.suspended = record.suspended.map((s): SuspendedStep => ({ step: s.step, payload: s.payload }));
  }
  return document;
}

function toSteps(journal: readonly JournalEntryV1[]): StepRecord[] {
  const byPath = new Map<string, Map<number, JournalEntryV1>>();
  const firstStart = new Map<string, number>();
  journal.forEach((entry, order) => {
    let attempts = byPath.get(entry.path);
    if (attempts === undefined) {
      attempts = new Map();
      byPath.set(entry.path, attempts);
      firstStart.set(entry.path, order);
    }
    attempts.set(entry.attempt, entry);
  });
  const steps: StepRecord[] = [];
  for (const [path, attempts] of byPath) {
    const list = [...attempts.values()].sort((a, b) => a.attempt - b.attempt).map(toAttempt);
    const last = list[list.length - 1];
    if (last !== undefined) steps.push({ path, status: last.status, attempts: list });
  }
  return steps;
}

function toAttempt(entry: JournalEntryV1): StepAttempt {
  const attempt: StepAttempt = {
    attempt: entry.attempt,
    status: entry.status,
    startedAt: new Date(entry.startedAt).toISOString(),
  };
  if (entry.endedAt !== undefined) attempt.endedAt = new Date(entry.endedAt).toISOString();
  if (entry.output !== undefined) attempt.output = entry.output;
  if (entry.error !== undefined) attempt.error = toErrorBody(entry.error);
  return attempt;
}

function toErrorBody(error: RunErrorV1): RunErrorBody {
  return error.step === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, step: error.step };
}
