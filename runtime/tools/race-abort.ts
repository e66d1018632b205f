/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts (an executor
 * that ignores its signal cannot hold a step past its timeout or a cancel).
 *
 * @example
 * const output = await raceAbort(executor(input, ctx), ctx.signal);
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
