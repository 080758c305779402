import mongoose, { Schema } from 'mongoose';
import { acquireLock } from '../lib/lease.js';
import type { Logger } from '../log.js';

/**
 * A change to stored data that this version's code relies on (a new key on old documents, a
 * renamed value). Run once per database, in `id` order, before the process serves anyone.
 * `up` must be idempotent: a process killed half-way leaves the migration undone, and the next
 * start runs it again from the beginning.
 */
export interface Migration {
  /** Sortable and unique: the date it was written, then a name ("2026-12-01-message-keys"). */
  id: string;
  up(log: Logger): Promise<void>;
}

const migrationSchema = new Schema(
  { _id: { type: String, required: true }, doneAt: { type: Date, required: true } },
  { versionKey: false },
);
const MigrationModel = mongoose.model('Migration', migrationSchema);

const LOCK = 'migrations';
/** A holder that died releases the lock after this long; a live one finishes well before. */
const LOCK_MS = 30 * 60_000;
const POLL_MS = 200;

const doneIds = async () =>
  new Set((await MigrationModel.find({}, { _id: 1 }).lean()).map((d) => String(d._id)));

/**
 * Brings the database up to this version's migrations. Processes starting together agree
 * through a lock (a unique-index insert, lib/lease.ts): one runs what is pending, the others
 * wait until every migration they know of is recorded done. Returns the ids this process ran.
 */
export async function runMigrations(
  migrations: readonly Migration[],
  log: Logger,
  { waitMs = LOCK_MS + 60_000 } = {},
): Promise<string[]> {
  const ordered = [...migrations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ran: string[] = [];
  const deadline = Date.now() + waitMs;
  for (;;) {
    const pending = (done: Set<string>) => ordered.filter((m) => !done.has(m.id));
    if (!pending(await doneIds()).length) return ran;
    const lock = await acquireLock(LOCK, LOCK_MS);
    if (lock) {
      try {
        // Read again under the lock: the previous holder may have finished some meanwhile.
        for (const migration of pending(await doneIds())) {
          const started = Date.now();
          await migration.up(log);
          await MigrationModel.create({ _id: migration.id, doneAt: new Date() });
          ran.push(migration.id);
          log.info({ migration: migration.id, ms: Date.now() - started }, 'migration done');
        }
      } finally {
        await lock.release();
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error('migrations: waited too long for another process');
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
