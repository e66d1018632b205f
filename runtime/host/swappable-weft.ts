import type { FastifyInstance } from 'fastify';

/**
 * A weft instance the host serves that can be replaced while it runs (`weft dev`): `weft` is a
 * stable object the host is built over, which forwards every member to the current instance.
 * `swap(next)` makes `next` current at once (new requests see it), then resolves the previous
 * instance once the requests that started on it have finished (or after `drainMs`), for the
 * caller to close.
 *
 * @example
 * const holder = new SwappableWeft(await Weft.open(dir));
 * const app = createHost(holder.weft);
 * holder.trackRequests(app);
 * const previous = await holder.swap(await Weft.open(dir, { storage }));
 * await previous.close();
 */
export class SwappableWeft<W extends object> {
  /** Forwards to the current instance: build the host over this object. */
  readonly weft: W;
  private current: W;
  private generation = 0;
  private readonly inFlight = new Map<number, number>();
  private readonly drained = new Map<number, () => void>();

  constructor(initial: W) {
    this.current = initial;
    this.weft = new Proxy(initial, {
      get: (_target, property) => {
        const target = this.current;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      has: (_target, property) => Reflect.has(this.current, property),
    });
  }

  /** The instance new requests use. */
  get active(): W {
    return this.current;
  }

  /** Counts the requests of each instance (a response's `close` ends one: streams included). */
  trackRequests(app: FastifyInstance): void {
    app.addHook('onRequest', async (_request, reply) => {
      const generation = this.generation;
      this.inFlight.set(generation, (this.inFlight.get(generation) ?? 0) + 1);
      reply.raw.once('close', () => this.release(generation));
    });
  }

  /**
   * Makes `next` current and resolves the previous instance once its requests are done (at most
   * `drainMs` later: an event stream may stay open for long).
   */
  async swap(next: W, drainMs = 10_000): Promise<W> {
    const previous = this.current;
    const generation = this.generation;
    this.current = next;
    this.generation += 1;
    if ((this.inFlight.get(generation) ?? 0) > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.drained.set(generation, resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, drainMs);
        }),
      ]);
      clearTimeout(timer);
    }
    this.drained.delete(generation);
    return previous;
  }

  private release(generation: number): void {
    const left = (this.inFlight.get(generation) ?? 1) - 1;
    if (left > 0) {
      this.inFlight.set(generation, left);
      return;
    }
    this.inFlight.delete(generation);
    this.drained.get(generation)?.();
  }
}
