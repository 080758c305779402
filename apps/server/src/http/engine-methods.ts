import type { Server as SocketServer } from 'socket.io';

/**
 * Engine.IO's long-polling transport speaks GET (poll) and POST (send) only, and answers any
 * other method on a live session with a bare 500. A PUT or DELETE with a sid is the client's
 * mistake: refused here with Engine.IO's own 400 ("Bad request") before it reaches the session.
 */
export function refuseOddEngineMethods(io: SocketServer): void {
  io.engine.use((req: { method?: string }, _res: unknown, next: (err?: Error) => void) => {
    if (req.method === 'GET' || req.method === 'POST') next();
    else next(new Error('method not used by Engine.IO'));
  });
}
