interface Slot {
  current: Promise<unknown>;
  next: Promise<unknown> | null;
}
const slots = new Map<string, Slot>();

/**
 * Runs `task` for `key` now if none is running; otherwise schedules exactly one more run after
 * the current one, shared by every caller that arrives meanwhile. Every caller therefore gets
 * the result of a run that *started after its call*: as fresh as running the task itself, but a
 * burst of N callers costs two runs, not N. Rejections reach every caller of that run.
 * For reads many people make at once with the same answer (a reconnect storm: every member of
 * a channel asks for the same page after the same message): one query per burst.
 */
export function readCoalesced<T>(key: string, task: () => Promise<T>): Promise<T> {
  const slot = slots.get(key);
  if (!slot) {
    const fresh: Slot = { current: Promise.resolve(), next: null };
    slots.set(key, fresh);
    return launch(key, fresh, task);
  }
  const startNext = () => {
    slot.next = null;
    return launch(key, slot, task);
  };
  slot.next ??= slot.current.then(startNext, startNext);
  return slot.next as Promise<T>;
}

function launch<T>(key: string, slot: Slot, task: () => Promise<T>): Promise<T> {
  // Adopted once: a mongoose query is a thenable that runs again each time it is awaited.
  const run = new Promise<T>((resolve) => resolve(task()));
  slot.current = run;
  const forget = () => {
    if (slot.current === run && !slot.next) slots.delete(key);
  };
  run.then(forget, forget);
  return run;
}

/**
 * For derived data recomputed from the database (a member count, a last-activity time): the
 * last run still sees every change. Such tasks own their errors (a rejection is swallowed).
 */
export function runCoalesced(key: string, task: () => Promise<void>): Promise<void> {
  return readCoalesced(key, task).catch(() => undefined);
}
