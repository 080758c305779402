import mongoose, { Types } from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../auth/user.model.js';
import { MembershipModel } from '../features/conversations/conversation.model.js';
import { createUser } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { databaseKind } from './connection.js';
import { mirrorIndexesForFerretDb } from './ferretdb-postgres-indexes.js';

/**
 * Only where the tests run on FerretDB over PostgreSQL and are told that PostgreSQL
 * (.ci/run exports FERRETDB_POSTGRESQL_URL); elsewhere there is nothing to tune.
 */
const postgresUrl = process.env.FERRETDB_POSTGRESQL_URL;
if (!postgresUrl) console.log('skipped: FERRETDB_POSTGRESQL_URL not set (FerretDB tuning only)');

interface Plan {
  'Node Type'?: string;
  'Index Name'?: string;
  Filter?: string;
  'Recheck Cond'?: string;
  'Index Cond'?: string;
  'Relation Name'?: string;
  Schema?: string;
  Plans?: Plan[];
}

function nodesOf(plan: Plan): Plan[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * Which index PostgreSQL would use for the filter FerretDB sends it for a find. On a table this
 * small the planner rightly prefers a sequential scan, so that plan is made again with
 * sequential scans disabled: the question is whether an index *can* answer FerretDB's filter,
 * which is what the twins are for. (On a bigger table, e.g. when the whole suite shares the
 * database, FerretDB's own plan may already be a bitmap scan of the twin.)
 */
async function indexPlanFor(query: { explain(): Promise<unknown> }): Promise<string> {
  const { queryPlanner } = (await query.explain()) as { queryPlanner: { Plan: Plan } };
  const nodes = nodesOf(queryPlanner.Plan);
  const viaIndex = nodes.find((node) => node['Index Name']);
  if (viaIndex) return `${viaIndex['Node Type']} on ${viaIndex['Index Name']}`;
  const scan = nodes.find((node) => node['Relation Name'] && node.Filter);
  expect(scan?.Filter ?? '').toContain('@>');
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT _jsonb FROM "${scan!.Schema}"."${scan!['Relation Name']}" WHERE ${scan!.Filter}`,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresUrl)('GIN twins for FerretDB on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ FERRETDB_POSTGRESQL_URL: postgresUrl });
  });
  afterAll(() => server.close());

  it('let PostgreSQL answer FerretDB’s _id and leading-field lookups from an index', async () => {
    expect(databaseKind()).toBe('ferretdb');
    const people = await Promise.all(
      Array.from({ length: 10 }, () => createUser(server.application)),
    );
    const someone = people[7]!;
    await MembershipModel.create({ userId: someone.id, conversationId: new Types.ObjectId() });
    expect(await indexPlanFor(UserModel.find({ _id: someone.id }))).toMatch(/Index Scan.*_gin/);
    expect(await indexPlanFor(MembershipModel.find({ userId: someone.id }))).toMatch(
      /Index Scan.*_gin/,
    );
    // Still the right answers, not only fast ones.
    expect(String((await UserModel.findById(someone.id).lean())?._id)).toBe(someone.id);
  });

  /** Every GIN twin of this database, with its storage options. */
  async function twins(): Promise<{ name: string; options: string[] | null }[]> {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; options: string[] | null }>(
        `SELECT c.relname AS name, c.reloptions AS options
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind = 'i' AND c.relname LIKE '%\\_gin'`,
        [mongoose.connection.name],
      );
      return rows;
    } finally {
      await client.end();
    }
  }

  // With GIN's pending list a lookup reads through up to 4 MB of unsorted new entries until a
  // vacuum merges them: 25 ms instead of 0.5 ms for a page of history at 100,000 messages.
  it('are made without a pending list, so a lookup does not read through recent inserts', async () => {
    const all = await twins();
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((t) => !t.options?.includes('fastupdate=off'))).toEqual([]);
  });

  it('change a twin made by an older version at the next start', async () => {
    const [twin] = (await twins()).filter((t) => t.name.startsWith('users_'));
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(
        `ALTER INDEX "${mongoose.connection.name}"."${twin!.name}" SET (fastupdate = on)`,
      );
    } finally {
      await client.end();
    }
    const silent = { info: () => {}, warn: () => {} } as never;
    const result = await mirrorIndexesForFerretDb(postgresUrl!, mongoose.connection.name, silent);
    expect(result.retuned).toBe(1);
    expect((await twins()).find((t) => t.name === twin!.name)?.options).toContain('fastupdate=off');
  });
});
