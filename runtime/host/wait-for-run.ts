import type { RunDocument } from '../public/api-types.js';

/**
 * Waits for a run promise (`run.start()`, `run.resume()`) at most `timeoutMs`, or until `stop`
 * aborts (the host is shutting down); past that, answers the run's current document (the run goes
 * on, or stays resumable). Rejections of the run promise are passed on.
 *
 * @example
 * const document = await waitForRun(run.start(input), 30_000, () => workflow.getStatus(run.runId));
 */
export async function waitForRun(
  running: Promise<RunDocument>,
  timeoutMs: number,
  current: () => Promise<RunDocument>,
  stop?: AbortSignal,
): Promise<RunDocument> {
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    onStop = () => resolve('timeout');
    if (stop?.aborted === true) resolve('timeout');
    else stop?.addEventListener('abort', onStop, { once: true });
  });
  try {
    const winner = await Promise.race([running, timedOut]);
    if (winner !== 'timeout') return winner;
  } finally {
    clearTimeout(timer);
    if (onStop !== undefined) stop?.removeEventListener('abort', onStop);
  }
  running.catch(() => undefined);
  return current();
}
