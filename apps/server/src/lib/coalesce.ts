interface Slot {
  current: Promise<void>;
  next: Promise<void> | null;
}
const slots = new Map<string, Slot>();

/**
 * Runs `task` for `key` now if none is running; otherwise schedules exactly one more run after
 * the current one, shared by every caller that arrives meanwhile. For derived data recomputed
 * from the database (a member count, a last-activity time): a burst of N changes costs two
 * runs, not N, and the last run still sees every change. The promise settles when a run that
 * started after the call has finished. Tasks own their errors (a rejection is swallowed here).
 */
export function runCoalesced(key: string, task: () => Promise<void>): Promise<void> {
  const slot = slots.get(key);
  if (!slot) {
    const fresh: Slot = { current: Promise.resolve(), next: null };
    slots.set(key, fresh);
    return launch(key, fresh, task);
  }
  slot.next ??= slot.current.then(() => {
    slot.next = null;
    return launch(key, slot, task);
  });
  return slot.next;
}

function launch(key: string, slot: Slot, task: () => Promise<void>): Promise<void> {
  const run: Promise<void> = task()
    .catch(() => undefined)
    .finally(() => {
      if (slot.current === run && !slot.next) slots.delete(key);
    });
  slot.current = run;
  return run;
}
