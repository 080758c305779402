import {
  PRESENCE_BATCH_MS,
  holdsExpertCapability,
  type OnlineExpert,
  type Presence,
  type PresenceUpdate,
  type Role,
  type ServerEventPayload,
} from '@yhteistyotila/protocol';
import { presentPersonRef } from '../../auth/people.js';
import type { AppContext, TypedSocket } from '../../context.js';
import { hasLiveAccess, liveRoom } from '../../auth/live-access.js';
import { UserModel } from '../../auth/user.model.js';
import {
  createMemoryPresenceStore,
  createRedisPresenceStore,
  HEARTBEAT_MS,
  type PresenceChange,
  type PresenceStore,
  type SocketStatus,
} from './presence.store.js';

/**
 * Presence of this process: its store (Redis when configured) and its own sockets. Only sockets
 * with live access (their person's consent is current: auth/live-access.ts) have a store entry;
 * the others are remembered here so that restoring live access can list them again.
 */
export class PresenceService {
  readonly store: PresenceStore;
  /**
   * This process's sockets of signed-in people, for the heartbeat; `expert`: the person holds
   * the expert capability (their presence changes are named even in a big batch).
   */
  private readonly local = new Map<
    string,
    { userId: string; expert: boolean; status: SocketStatus }
  >();
  private timers: NodeJS.Timeout[] = [];
  /** Changes waiting for the next batch, latest per person. */
  private pending = new Map<string, PresenceUpdate>();
  private flushTimer: NodeJS.Timeout | undefined;

  /**
   * `tellBatch` tells everyone a batch of changes: the feature publishes it (a timer has no write
   * to wait for), so this service never emits.
   */
  constructor(
    private readonly app: AppContext,
    private readonly tellBatch: (batch: ServerEventPayload<'presence:changed'>) => void,
  ) {
    this.store = app.redis ? createRedisPresenceStore(app.redis) : createMemoryPresenceStore();
  }

  start() {
    const beat = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    beat.unref();
    this.timers.push(beat);
  }

  async stop() {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    // Graceful shutdown: our sockets are going away; tell the others now rather than after the TTL.
    for (const [socketId, { userId, expert }] of [...this.local]) {
      this.local.delete(socketId);
      await this.store
        .update(userId, socketId, null)
        .then((c) => this.announce(c, expert))
        .catch(() => undefined);
    }
    clearTimeout(this.flushTimer);
    this.flush();
  }

  async set(
    userId: string,
    expert: boolean,
    socketId: string,
    status: SocketStatus | null,
  ): Promise<Presence> {
    if (status) this.local.set(socketId, { userId, expert, status });
    else this.local.delete(socketId);
    const change = await this.store.update(userId, socketId, status);
    this.announce(change, expert);
    return { userId, status: change.status, version: change.version };
  }

  /** A new socket: remembered, and online unless its person must re-consent first. */
  async connected(socket: TypedSocket): Promise<void> {
    const user = socket.data.user;
    if (!user) return;
    const expert = holdsExpertCapability(user);
    if (hasLiveAccess(socket)) await this.set(user.id, expert, socket.id, 'online');
    else this.local.set(socket.id, { userId: user.id, expert, status: 'online' });
  }

  /** Live access suspended: the person is offline everywhere, whichever process holds a socket. */
  async suspend(userId: string): Promise<void> {
    this.announce(await this.store.clear(userId));
  }

  /** Live access restored: every socket of the person counts again (remote ones as online). */
  async restore(userId: string, expert: boolean): Promise<void> {
    for (const socket of await this.app.io.in(liveRoom(userId)).fetchSockets()) {
      const status = this.local.get(socket.id)?.status ?? 'online';
      this.announce(await this.store.update(userId, socket.id, status), expert);
    }
  }

  private isLive(socketId: string, userId: string): boolean {
    return this.app.io.sockets.sockets.get(socketId)?.rooms.has(liveRoom(userId)) ?? false;
  }

  async query(userIds: string[]): Promise<Presence[]> {
    const map = await this.store.get(userIds);
    return userIds.map((userId) => ({
      userId,
      ...(map.get(userId) ?? { status: 'offline' as const, version: 0 }),
    }));
  }

  /**
   * Everyone holding the expert capability, whatever their role (a moderator who holds it is
   * listed too), and guest experts before their end date: one equality on `expert` (stored
   * true for guest experts as well) narrows the read.
   */
  async onlineExperts(): Promise<OnlineExpert[]> {
    const now = new Date();
    const experts = await UserModel.find(
      { expert: true, status: 'active' },
      { name: 1, role: 1, expert: 1, guestUntil: 1 },
    )
      .limit(2000)
      .lean();
    const live = experts.filter((u) => u.role !== 'guest' || (u.guestUntil && u.guestUntil > now));
    const map = await this.store.get(live.map((u) => String(u._id)));
    return live.flatMap((u) => {
      const status = map.get(String(u._id))?.status;
      return status === 'online' || status === 'away' ? [{ ...presentPersonRef(u), status }] : [];
    });
  }

  private announce(change: PresenceChange, expert?: boolean) {
    if (!change.changed) return;
    const queue = (isExpert: boolean) =>
      this.enqueue({
        userId: change.userId,
        status: change.status,
        version: change.version,
        isExpert,
      });
    if (expert !== undefined) return queue(expert);
    void UserModel.findById(change.userId, { role: 1, expert: 1 })
      .lean()
      .then((u) =>
        queue(u ? holdsExpertCapability({ role: u.role as Role, expert: u.expert }) : false),
      )
      .catch(() => undefined);
  }

  /**
   * One broadcast per PRESENCE_BATCH_MS for everything that changed: announcing each change
   * to everyone made N connections cost N² deliveries (a reconnect storm after a restart).
   */
  private enqueue(update: PresenceUpdate) {
    const known = this.pending.get(update.userId);
    if (!known || known.version <= update.version) this.pending.set(update.userId, update);
    this.flushTimer ??= setTimeout(() => this.flush(), PRESENCE_BATCH_MS);
  }

  private flush() {
    this.flushTimer = undefined;
    const changes = [...this.pending.values()];
    this.pending.clear();
    if (!changes.length) return;
    const payload =
      changes.length <= this.app.config.presenceBatchMaxListed
        ? { changes }
        : // The experts panel needs its people by name; everyone else is asked for by the tabs.
          { changes: changes.filter((c) => c.isExpert), more: true as const };
    this.tellBatch(payload);
  }

  private async heartbeat() {
    try {
      // A suspended socket's entry stays removed (suspend may have run on another process).
      const live = [...this.local].filter(([socketId, e]) => this.isLive(socketId, e.userId));
      await this.store.refresh(live.map(([socketId, e]) => ({ socketId, ...e })));
      for (const change of await this.store.sweep()) this.announce(change);
    } catch (err) {
      this.app.log.warn({ err }, 'presence heartbeat failed');
    }
  }
}
