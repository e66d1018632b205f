import type { RunDocument } from '../public/api-types.js';

/**
 * Waits for a run promise (`run.start()`, `run.resume()`) at most `timeoutMs`; past that, answers
 * the run's current document (the run goes on). Rejections of the run promise are passed on.
 *
 * @example
 * const document = await waitForRun(run.start(input), 30_000, () => workflow.getStatus(run.runId));
 */
export async function waitForRun(
  running: Promise<RunDocument>,
  timeoutMs: number,
  current: () => Promise<RunDocument>,
): Promise<RunDocument> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const winner = await Promise.race([running, timedOut]);
    if (winner !== 'timeout') return winner;
  } finally {
    clearTimeout(timer);
  }
  running.catch(() => undefined);
  return current();
}
