import type { Role } from '@yhteistyotila/protocol';
import type { AppContext, TypedSocket } from '../context.js';
import { AppError } from '../errors.js';
import { closeSocket } from '../realtime/close-sockets.js';
import { UserModel } from './user.model.js';

/**
 * A guest expert's access ends at `guestUntil`, to the millisecond: every check compares it
 * with the clock (no job has to run first), and each process drops its own guest sockets at
 * that moment with a timer per socket. The guest-expiry job only tidies the sessions up.
 */
type Person = { role: string; guestUntil?: Date | null };

export const guestAccessOver = (user: Person, now = new Date()): boolean =>
  user.role === 'guest' && (!user.guestUntil || user.guestUntil <= now);

/** For every socket event: the cached person's end date against the clock. */
export function assertGuestAccess(user: Person | null): void {
  if (user && guestAccessOver(user)) throw new AppError('UNAUTHENTICATED', 'access ended');
}

/** setTimeout's longest delay (about 24.8 days); a later end is re-armed when this one fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const timers = new WeakMap<TypedSocket, NodeJS.Timeout>();
const watched = new WeakSet<TypedSocket>();

/**
 * (Re-)arms the socket's end-of-access timer from its cached person. Called at connect and
 * whenever the cached person is replaced (refreshUserSockets, session:refresh), so an end date
 * moved earlier is honoured; one moved later is found when the timer fires and re-reads it.
 */
export function scheduleGuestEnd(socket: TypedSocket, app: AppContext): void {
  clearTimeout(timers.get(socket));
  timers.delete(socket);
  const user = socket.data.user;
  if (!user || user.role !== 'guest' || socket.disconnected) return;
  if (!watched.has(socket)) {
    watched.add(socket);
    socket.on('disconnect', () => clearTimeout(timers.get(socket)));
  }
  const delay = (user.guestUntil?.getTime() ?? 0) - Date.now();
  if (delay <= 0) return closeSocket(app, socket, 'expired');
  const timer = setTimeout(
    () =>
      void recheck(socket, app).catch((err: unknown) => {
        app.log.error({ err, socketId: socket.id }, 'guest end check failed');
        closeSocket(app, socket, 'expired');
      }),
    Math.min(delay, MAX_DELAY_MS),
  );
  timer.unref();
  timers.set(socket, timer);
}

/** The timer fired: end the socket unless the end date was moved later meanwhile. */
async function recheck(socket: TypedSocket, app: AppContext) {
  timers.delete(socket);
  const user = socket.data.user;
  if (!user || socket.disconnected) return;
  const fresh = await UserModel.findById(user.id, { role: 1, guestUntil: 1, status: 1 }).lean();
  if (!fresh || fresh.status !== 'active' || guestAccessOver(fresh))
    return closeSocket(app, socket, 'expired');
  socket.data.user = { ...user, role: fresh.role as Role, guestUntil: fresh.guestUntil ?? null };
  scheduleGuestEnd(socket, app);
}
