import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './env.js';

/**
 * Virtual users for the bench, made with the server's own models and its own Lucia instance,
 * so their cookies are real sessions the server validates like any browser's. Imported from
 * the built server (`npm run bench` builds first).
 */
const dist = (p: string) => pathToFileURL(path.join(REPO, 'apps/server/dist', p)).href;

interface Model {
  insertMany(docs: unknown[], opts?: unknown): Promise<{ _id: { toHexString(): string } }[]>;
  collection: {
    insertMany(docs: unknown[], opts?: unknown): Promise<unknown>;
    countDocuments(q?: unknown): Promise<number>;
  };
  updateOne(q: unknown, u: unknown, o?: unknown): Promise<unknown>;
  deleteMany(q: unknown): Promise<unknown>;
}

type PageKeys = (m: {
  conversationId: unknown;
  threadRootId: null;
  seq: number;
  changeSeq: number;
}) => { pageKey: string; changeKey: string };

export interface BenchUser {
  id: string;
  cookie: string;
}

export class Seeder {
  private constructor(
    private readonly mongoose: {
      disconnect(): Promise<void>;
      Types: { ObjectId: new (id?: string) => unknown };
    },
    private readonly lucia: {
      createSession(userId: string, attrs: object): Promise<{ id: string }>;
      sessionCookieName: string;
    },
    private readonly models: Record<
      'User' | 'Init' | 'Message' | 'Conversation' | 'Membership',
      Model
    >,
    private readonly privacyVersion: string,
    private readonly runId: string,
    /** The server's own page keys (features/conversations/message-keys.ts). */
    private readonly pageKeys: PageKeys,
  ) {}

  static async connect(mongoUri: string, dbName: string, runId: string): Promise<Seeder> {
    const [
      { connectDatabase },
      { loadConfig },
      { createLucia },
      { createLogger },
      users,
      privacy,
      convs,
      messages,
      messageKeys,
      mongoose,
    ] = await Promise.all([
      import(dist('db/connection.js')),
      import(dist('config.js')),
      import(dist('auth/lucia.js')),
      import(dist('log.js')),
      import(dist('auth/user.model.js')),
      import(dist('auth/privacy.js')),
      import(dist('features/conversations/conversation.model.js')),
      import(dist('features/conversations/message.model.js')),
      import(dist('features/conversations/message-keys.js')),
      import('mongoose'),
    ]);
    await connectDatabase({ uri: mongoUri, dbName, poolSize: 32 }, createLogger('silent'));
    const config = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'http://localhost:3000',
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    return new Seeder(
      mongoose.default,
      createLucia(config, createLogger('silent')),
      {
        User: users.UserModel,
        Init: convs.ChannelInitModel,
        Message: messages.MessageModel,
        Conversation: convs.ConversationModel,
        Membership: convs.MembershipModel,
      },
      await currentPrivacyVersion(privacy.PrivacyVersions),
      runId,
      messageKeys.pageKeys as PageKeys,
    );
  }

  private serial = 0;

  /**
   * Approved, consented people of one role with one live session each. Their first-connection
   * auto-join of default channels is marked done, so they belong only to the bench's channels.
   */
  async users(n: number, role = 'member'): Promise<BenchUser[]> {
    const out: BenchUser[] = [];
    for (let start = 0; start < n; start += 1000) {
      const docs = Array.from({ length: Math.min(1000, n - start) }, () => {
        this.serial += 1;
        return {
          name: `Bench ${role} ${this.serial}`,
          email: `bench-${this.runId}-${this.serial}@bench.invalid`,
          role,
          status: 'active',
          language: 'fi',
          consentVersion: this.privacyVersion,
          channelsJoinedAt: new Date(),
        };
      });
      const created = await this.models.User.insertMany(docs, { lean: true });
      const ids = created.map((d) => d._id.toHexString());
      await this.models.Init.insertMany(
        ids.map((id) => ({ _id: new this.mongoose.Types.ObjectId(id) })),
        { lean: true },
      );
      const sessions = new Array<BenchUser>(ids.length);
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < ids.length) {
            const i = next++;
            const id = ids[i] as string;
            const session = await this.lucia.createSession(id, { userAgent: 'bench' });
            sessions[i] = { id, cookie: `${this.lucia.sessionCookieName}=${session.id}` };
          }
        }),
      );
      out.push(...sessions);
    }
    return out;
  }

  /** Stores `count` messages in a conversation directly (history scenario), then sets its counter. */
  async messages(
    conversationId: string,
    authorId: string,
    count: number,
    onProgress?: (n: number) => void,
  ): Promise<void> {
    const { ObjectId } = this.mongoose.Types;
    const conv = new ObjectId(conversationId);
    const author = new ObjectId(authorId);
    const base = Date.now() - count * 1000;
    const existing = await this.models.Message.collection.countDocuments({ conversationId: conv });
    const BATCH = 5000;
    for (let start = existing; start < count; start += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => {
        const seq = start + k + 1;
        return {
          conversationId: conv,
          seq,
          changeSeq: seq,
          ...this.pageKeys({ conversationId: conv, threadRootId: null, seq, changeSeq: seq }),
          clientId: randomUUID(),
          authorId: author,
          text: `history message ${seq} lorem ipsum dolor sit amet`,
          mentions: [],
          threadRootId: null,
          replyCount: 0,
          threadParticipantIds: [],
          lastReplyAt: null,
          lastReplySeq: 0,
          reactions: [],
          pinned: false,
          pinnedBy: null,
          edits: [],
          editedAt: null,
          deletedAt: null,
          deletedBy: null,
          terms: [],
          createdAt: new Date(base + seq * 1000),
        };
      });
      await this.models.Message.collection.insertMany(docs, { ordered: false });
      onProgress?.(start + docs.length);
    }
    // The conversation's number hint, as the server's sends leave it (conversation-activity.ts).
    await this.models.Conversation.updateOne({ _id: conv }, { $max: { seqHint: count } });
  }

  /**
   * Makes people members of a channel directly, as if each had joined before the scenario
   * (the reconnect storm measures catching up, not 5,000 joins announced to one another).
   */
  async members(conversationId: string, userIds: string[]): Promise<void> {
    const { ObjectId } = this.mongoose.Types;
    const conv = new ObjectId(conversationId);
    for (let start = 0; start < userIds.length; start += 1000) {
      const docs = userIds
        .slice(start, start + 1000)
        .map((id) => ({ conversationId: conv, userId: new ObjectId(id), readSeq: 0 }));
      await this.models.Membership.insertMany(docs, { lean: true, ordered: false });
    }
    const memberCount = await this.models.Membership.collection.countDocuments({
      conversationId: conv,
    });
    await this.models.Conversation.updateOne({ _id: conv }, { $set: { memberCount } });
  }

  close(): Promise<void> {
    return this.mongoose.disconnect();
  }
}

/**
 * The privacy statement in force, as the server decides it (the newest stored version, stored
 * by the server at start): people who accepted it are not asked to accept it again, so their
 * events are answered and not refused with CONSENT_REQUIRED.
 */
async function currentPrivacyVersion(
  Versions: new () => { reload(): Promise<void>; current: string },
): Promise<string> {
  const versions = new Versions();
  await versions.reload();
  return versions.current;
}
