import { can, rooms, type LibraryPresence } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { personRefOf } from '../../auth/people.js';
import type { AppContext, TypedSocket } from '../../context.js';
import type { Facts } from '../../realtime/facts.js';
import { readableEntry } from './library.policy.js';

/*
 * Who has a library entry open, and who is editing it, live (issue 12, item 2). Held in the
 * Socket.IO rooms themselves, not in the database: a socket that has the entry open is in
 * rooms.libraryEntry(id) (where the entry's updates go too), and one that is editing it is in a
 * second room as well. Rooms go with the socket when it disconnects, so nobody stays "here"
 * after closing the tab, and with the Redis adapter `fetchSockets` sees every process's sockets.
 */

/** A marker room, never emitted to: its sockets are editing the entry. */
const editingRoom = (entryId: string) => `library-editing:${entryId}`;
const ENTRY_ROOM_PREFIX = rooms.libraryEntry('');

/** Everyone with the entry open now, once per person (editing if any of their tabs is). */
export async function presenceOf(
  app: Pick<AppContext, 'io'>,
  entryId: string,
): Promise<LibraryPresence> {
  const sockets = await app.io.in(rooms.libraryEntry(entryId)).fetchSockets();
  const people = new Map<string, LibraryPresence['people'][number]>();
  for (const s of sockets) {
    const user = s.data.user;
    if (!user) continue;
    const editing = s.rooms.has(editingRoom(entryId));
    const seen = people.get(user.id);
    people.set(user.id, { person: personRefOf(user), editing: editing || !!seen?.editing });
  }
  return {
    entryId,
    people: [...people.values()].sort((a, b) => a.person.name.localeCompare(b.person.name, 'fi')),
  };
}

/**
 * Opens the entry for this socket (viewing, or editing for those who may write), answering with
 * who else has it open; everyone there hears the new list. Asked again, it changes the mode.
 */
export async function watchEntry(
  app: AppContext,
  facts: Facts,
  socket: TypedSocket,
  user: AuthUser,
  input: { id: string; editing: boolean },
): Promise<LibraryPresence> {
  const doc = await readableEntry(user, input.id);
  const entryId = String(doc._id);
  const editing = input.editing && can('library.write', { role: user.role, expert: user.expert });
  await socket.join(rooms.libraryEntry(entryId));
  if (editing) await socket.join(editingRoom(entryId));
  else await socket.leave(editingRoom(entryId));
  return tellPresence(app, facts, entryId);
}

/** Everyone with the entry open hears who is there now (and the caller gets the same list). */
export async function tellPresence(
  app: AppContext,
  facts: Facts,
  entryId: string,
): Promise<LibraryPresence> {
  const presence = await presenceOf(app, entryId);
  facts.add(rooms.libraryEntry(entryId), 'library:presence', presence);
  return presence;
}

/** Closes the entry for this socket; those still there hear the new list. */
export async function unwatchEntry(
  app: AppContext,
  facts: Facts,
  socket: TypedSocket,
  entryId: string,
): Promise<void> {
  const room = rooms.libraryEntry(entryId);
  if (!socket.rooms.has(room)) return;
  await socket.leave(room);
  await socket.leave(editingRoom(entryId));
  await tellPresence(app, facts, entryId);
}

/**
 * A socket that goes away leaves its entries: the rooms it was in are read while it is still
 * disconnecting, and `left` is called for each once it is gone (the feature tells the new lists).
 */
export function whenEntriesLeft(socket: TypedSocket, left: (entryId: string) => void): void {
  socket.on('disconnecting', () => {
    const entryIds = [...socket.rooms]
      .filter((r) => r.startsWith(ENTRY_ROOM_PREFIX))
      .map((r) => r.slice(ENTRY_ROOM_PREFIX.length));
    if (!entryIds.length) return;
    socket.once('disconnect', () => {
      for (const entryId of entryIds) left(entryId);
    });
  });
}
