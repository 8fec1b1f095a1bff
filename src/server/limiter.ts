/**
 * Bounded concurrency: at most `max` jobs run at once, at most `maxQueue` wait; beyond that a job is
 * refused at once (the server answers 429, as the API does when overloaded).
 */
export interface Limiter {
  /** Runs `job` when a slot is free; rejects with a {@link QueueFullError} when too many are waiting. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs running now. */
  readonly active: number;
  /** Jobs waiting. */
  readonly waiting: number;
}

/** The message of {@link QueueFullError}. */
export const QUEUE_FULL = "queue_full";

/** Thrown by {@link Limiter.run} when the queue is full: callers match the class, not the text. */
export class QueueFullError extends Error {
  override name = "QueueFullError";
  constructor() {
    super(QUEUE_FULL);
  }
}

/**
 * @example
 * const limit = createLimiter(4, 64);
 * const png = await limit.run(() => render());
 */
export function createLimiter(max: number, maxQueue: number): Limiter {
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (active >= max) {
        if (queue.length >= maxQueue) throw new QueueFullError();
        await new Promise<void>((resolve) => queue.push(resolve));
      } else {
        active++;
      }
      try {
        return await job();
      } finally {
        release();
      }
    },
  };
}
