/**
 * A promise and the function that resolves it: a test holds one side (a transaction's callback)
 * until the other says so, or waits until it has got somewhere.
 *
 * @example
 * const gate = latch();
 * const work = run(async () => { await gate.reached; });
 * gate.open();
 */
export function latch(): { readonly reached: Promise<void>; readonly open: () => void } {
  let open: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { reached, open };
}
