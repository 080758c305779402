import { Types } from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../auth/user.model.js';
import { MembershipModel } from '../features/conversations/conversation.model.js';
import { createUser } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { databaseKind } from './connection.js';

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
});
