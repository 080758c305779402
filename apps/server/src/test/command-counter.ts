import mongoose, { type mongo } from 'mongoose';
import { sleep } from './harness.js';

/**
 * The driver's own housekeeping, not a query of ours: connection handshakes and heartbeats
 * (hello, isMaster), the session pool's cleanup (endSessions), health checks (ping).
 */
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'endsessions', 'ping']);

/** A command after the last one this long ago, with none in flight: the action is over. */
const QUIET_MS = 250;

export interface Command {
  name: string;
  /** The collection it addressed (none for database-level commands). */
  collection: string;
}

/**
 * Every database command the process sends, from the driver's command monitoring (the test
 * connects with `monitorCommands: true`; see connectTestDatabase). The server under test runs in
 * this process on the same Mongoose connection, so what it sends is seen here.
 */
export class CommandCounter {
  private seen: Command[] = [];
  private readonly inFlight = new Set<number>();
  private lastEventAt = 0;

  constructor() {
    const client = mongoose.connection.getClient();
    if (!client.options.monitorCommands)
      throw new Error('connect with monitorCommands: true (connectTestDatabase) first');
    client.on('commandStarted', (e: mongo.CommandStartedEvent) => {
      if (HOUSEKEEPING.has(e.commandName.toLowerCase())) return;
      this.inFlight.add(e.requestId);
      this.lastEventAt = Date.now();
      this.seen.push({ name: e.commandName, collection: collectionOf(e) });
    });
    const finish = (e: mongo.CommandSucceededEvent | mongo.CommandFailedEvent) => {
      if (!this.inFlight.delete(e.requestId)) return;
      this.lastEventAt = Date.now();
    };
    client.on('commandSucceeded', finish);
    client.on('commandFailed', finish);
  }

  /**
   * Resolves once nothing is in flight and nothing started for QUIET_MS: work a handler leaves
   * running after its ack (a coalesced bookkeeping write) is counted with the action.
   */
  async quiet(): Promise<void> {
    while (this.inFlight.size > 0 || Date.now() - this.lastEventAt < QUIET_MS) await sleep(20);
  }

  /** The commands `action` caused, from a quiet start to a quiet end. */
  async measure(action: () => Promise<unknown>): Promise<Command[]> {
    await this.quiet();
    this.seen = [];
    await action();
    await this.quiet();
    return this.seen;
  }
}

function collectionOf(e: mongo.CommandStartedEvent): string {
  const target: unknown = e.command[e.commandName];
  if (typeof target === 'string') return target;
  // getMore names its cursor first and its collection beside it.
  const beside: unknown = e.command.collection;
  return typeof beside === 'string' ? beside : '';
}

/** `find x2, insert x2, update x3`, in the order each command first appeared. */
export function tally(commands: Command[]): string {
  const counts = new Map<string, number>();
  for (const c of commands) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name} x${n}`).join(', ');
}

/** `find conversations, find conversationmemberships, …`: which collection each went to. */
export const listing = (commands: Command[]): string =>
  commands.map((c) => `${c.name} ${c.collection}`.trim()).join(', ');
