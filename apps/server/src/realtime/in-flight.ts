/** Counts handler calls in progress so that shutdown can wait for their acks. */
let count = 0;
const waiters = new Set<() => void>();

export const inFlight = {
  start(): () => void {
    count += 1;
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      count -= 1;
      if (count === 0) for (const w of waiters) w();
    };
  },
  get count() {
    return count;
  },
  /** Resolves when nothing is in flight, or after timeoutMs. */
  drained(timeoutMs: number): Promise<void> {
    if (count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => (clearTimeout(timer), waiters.delete(finish), resolve());
      const timer = setTimeout(finish, timeoutMs);
      waiters.add(finish);
    });
  },
};
