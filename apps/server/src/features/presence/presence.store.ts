import type { PresenceStatus } from '@yhteistyotila/protocol';
import type { RedisClient } from '../../lib/redis.js';

export type SocketStatus = 'online' | 'away';

export interface PresenceChange {
  userId: string;
  status: PresenceStatus;
  version: number;
  /** The aggregate differs from the last one announced. */
  changed: boolean;
}

/**
 * Per-socket statuses of every person, aggregated over all their tabs, devices and server
 * processes: online if any socket is online, away if all are away, offline with none. Each
 * entry carries an expiry refreshed by its process's heartbeat, so the sockets of a process
 * killed with SIGKILL fade out after ENTRY_TTL_MS instead of staying "online" for ever.
 */
export interface PresenceStore {
  /** Sets (status) or removes (null) one socket's entry and returns the new aggregate. */
  update(userId: string, socketId: string, status: SocketStatus | null): Promise<PresenceChange>;
  /** Removes every socket entry of the person, on any process (live access suspended). */
  clear(userId: string): Promise<PresenceChange>;
  get(userIds: string[]): Promise<Map<string, { status: PresenceStatus; version: number }>>;
  /** Heartbeat: extend the expiry of these live local sockets. */
  refresh(entries: { userId: string; socketId: string; status: SocketStatus }[]): Promise<void>;
  /** Drops expired entries; returns the people whose aggregate changed. */
  sweep(): Promise<PresenceChange[]>;
}

export const ENTRY_TTL_MS = 90_000;
export const HEARTBEAT_MS = 30_000;

const aggregate = (statuses: SocketStatus[]): PresenceStatus =>
  statuses.includes('online') ? 'online' : statuses.length ? 'away' : 'offline';

export function createMemoryPresenceStore(now: () => number = Date.now): PresenceStore {
  const sockets = new Map<string, Map<string, { status: SocketStatus; expiresAt: number }>>();
  const announced = new Map<string, { status: PresenceStatus; version: number }>();

  const compute = (userId: string): PresenceChange => {
    const entries = sockets.get(userId) ?? new Map();
    for (const [id, e] of entries) if (e.expiresAt <= now()) entries.delete(id);
    if (!entries.size) sockets.delete(userId);
    const status = aggregate([...entries.values()].map((e) => e.status));
    const prev = announced.get(userId);
    const version = (prev?.version ?? 0) + 1;
    announced.set(userId, { status, version });
    return { userId, status, version, changed: (prev?.status ?? 'offline') !== status };
  };

  return {
    async update(userId, socketId, status) {
      const entries = sockets.get(userId) ?? new Map();
      sockets.set(userId, entries);
      if (status) entries.set(socketId, { status, expiresAt: now() + ENTRY_TTL_MS });
      else entries.delete(socketId);
      return compute(userId);
    },
    async clear(userId) {
      sockets.delete(userId);
      return compute(userId);
    },
    async get(userIds) {
      return new Map(
        userIds.map((id) => [id, announced.get(id) ?? { status: 'offline' as const, version: 0 }]),
      );
    },
    async refresh(list) {
      for (const e of list)
        sockets
          .get(e.userId)
          ?.set(e.socketId, { status: e.status, expiresAt: now() + ENTRY_TTL_MS });
    },
    async sweep() {
      const changes: PresenceChange[] = [];
      for (const userId of [...sockets.keys()]) {
        const c = compute(userId);
        if (c.changed) changes.push(c);
      }
      return changes;
    },
  };
}

/*
 * Redis layout: `presence:s:<user>` hash socketId -> "<status>:<expiresAtMs>", `presence:v:<user>`
 * version counter, `presence:a:<user>` last announced status, `presence:users` set of people with
 * entries. One Lua script does change + aggregate + version + "did it change" atomically, so two
 * processes updating one person at once cannot announce out of order or miss a change.
 */
const UPDATE_SCRIPT = `
local hash, ver, ann, users = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local op, socket, status, now, ttl, user = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
if op == 'set' then redis.call('HSET', hash, socket, status .. ':' .. (now + ttl))
elseif op == 'del' then redis.call('HDEL', hash, socket)
elseif op == 'clear' then redis.call('DEL', hash) end
local all = redis.call('HGETALL', hash)
local online, away = false, false
for i = 1, #all, 2 do
  local s, exp = string.match(all[i + 1], '^(%a+):(%d+)$')
  if exp == nil or tonumber(exp) <= now then redis.call('HDEL', hash, all[i])
  elseif s == 'online' then online = true else away = true end
end
local agg = 'offline'
if online then agg = 'online' elseif away then agg = 'away' end
if agg == 'offline' then redis.call('SREM', users, user) else redis.call('SADD', users, user); redis.call('PEXPIRE', hash, 86400000) end
local prev = redis.call('GET', ann) or 'offline'
local version = redis.call('INCR', ver)
redis.call('SET', ann, agg)
return { agg, tostring(version), prev }
`;

export function createRedisPresenceStore(
  redis: RedisClient,
  now: () => number = Date.now,
): PresenceStore {
  const keys = (userId: string) => [
    `presence:s:${userId}`,
    `presence:v:${userId}`,
    `presence:a:${userId}`,
    'presence:users',
  ];
  const run = async (
    userId: string,
    op: 'set' | 'del' | 'clear' | 'sweep',
    socketId = '',
    status = '',
  ): Promise<PresenceChange> => {
    const [agg, version, prev] = (await redis.eval(UPDATE_SCRIPT, {
      keys: keys(userId),
      arguments: [op, socketId, status, String(now()), String(ENTRY_TTL_MS), userId],
    })) as [PresenceStatus, string, string];
    return { userId, status: agg, version: Number(version), changed: agg !== prev };
  };
  return {
    update: (userId, socketId, status) =>
      status ? run(userId, 'set', socketId, status) : run(userId, 'del', socketId),
    clear: (userId) => run(userId, 'clear'),
    async get(userIds) {
      if (!userIds.length) return new Map();
      const [statuses, versions] = await Promise.all([
        redis.mGet(userIds.map((id) => `presence:a:${id}`)),
        redis.mGet(userIds.map((id) => `presence:v:${id}`)),
      ]);
      return new Map(
        userIds.map((id, i) => [
          id,
          {
            status: (statuses[i] ?? 'offline') as PresenceStatus,
            version: Number(versions[i] ?? 0),
          },
        ]),
      );
    },
    async refresh(list) {
      if (!list.length) return;
      const multi = redis.multi();
      const expiresAt = now() + ENTRY_TTL_MS;
      for (const e of list)
        multi.hSet(`presence:s:${e.userId}`, e.socketId, `${e.status}:${expiresAt}`);
      await multi.exec();
    },
    async sweep() {
      const users = await redis.sMembers('presence:users');
      const changes: PresenceChange[] = [];
      for (const userId of users) {
        const c = await run(userId, 'sweep');
        if (c.changed) changes.push(c);
      }
      return changes;
    },
  };
}
