import pg from 'pg';
import type { Logger } from '../log.js';

/**
 * FerretDB 1.x on PostgreSQL stores each collection as a table of `_jsonb` documents and
 * translates an equality filter `{ field: value }` into `(_jsonb -> 'field') @> value`. The
 * indexes it creates for MongoDB indexes are btree indexes on `(_jsonb -> 'field')`, which
 * PostgreSQL cannot use for `@>`: every lookup, even by `_id`, is a sequential scan (measured:
 * docs/BENCHMARKS.md). A GIN `jsonb_path_ops` index on the same expression serves `@>`, so for
 * the leading field of every index FerretDB made we add one, and lookups become index scans.
 * Leading fields only: each GIN index costs every insert, and the leading field is the one our
 * queries filter by equality (later fields are ranges and sorts, which FerretDB runs itself).
 *
 * The twins are made without GIN's pending list (`fastupdate = off`): with it, new entries wait
 * in an unsorted list of up to 4 MB that every lookup reads through until a vacuum merges it,
 * and a table growing by inserts (messages, sessions) is rarely vacuumed. Measured on a page of
 * history at 100,000 messages: the `pageKey` lookup took 25 ms with the list, 0.5 ms without
 * (decision 89). Twins made before are changed at the next start and their list merged.
 *
 * Only for FerretDB on PostgreSQL (FERRETDB_POSTGRESQL_URL); MongoDB needs none of this.
 * Idempotent and safe to run from several processes at once (a lost race is only logged).
 */
const FIELD_IN_INDEXDEF = /\(_jsonb -> '([^']+)'::text\)/;
const SAFE_NAME = /^[a-z0-9_]+$/;

export async function mirrorIndexesForFerretDb(
  postgresUrl: string,
  databaseName: string,
  log: Logger,
): Promise<{ created: number; existing: number; retuned: number }> {
  // FerretDB names the schema after the database; other names are mangled, and we skip them.
  const schema = databaseName;
  if (!SAFE_NAME.test(schema)) {
    log.warn({ databaseName }, 'ferretdb index mirror: database name is not a plain schema name');
    return { created: 0, existing: 0, retuned: 0 };
  }
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      tablename: string;
      indexname: string;
      indexdef: string;
      options: string[] | null;
    }>(
      `SELECT i.tablename, i.indexname, i.indexdef, c.reloptions AS options
         FROM pg_indexes i
         JOIN pg_namespace n ON n.nspname = i.schemaname
         JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = n.oid
        WHERE i.schemaname = $1 AND i.tablename NOT LIKE '\\_ferretdb%'`,
      [schema],
    );
    const wanted = new Map<string, { table: string; field: string }>();
    const present = new Set(rows.map((r) => r.indexname));
    const withPendingList = rows.filter(
      (r) =>
        r.indexname.endsWith('_gin') &&
        r.indexdef.includes(' USING gin ') &&
        !r.options?.includes('fastupdate=off'),
    );
    for (const row of rows) {
      if (row.indexdef.includes(' USING gin ')) continue;
      const field = FIELD_IN_INDEXDEF.exec(row.indexdef)?.[1];
      const name = field && ginIndexName(row.tablename, field);
      if (field && name) wanted.set(name, { table: row.tablename, field });
    }
    let created = 0;
    let existing = 0;
    for (const [name, { table, field }] of wanted) {
      if (present.has(name)) {
        existing += 1;
        continue;
      }
      try {
        await client.query(
          `CREATE INDEX IF NOT EXISTS ${name} ON ${schema}.${table}
             USING gin ((_jsonb -> ${pg.escapeLiteral(field)}) jsonb_path_ops)
             WITH (fastupdate = off)`,
        );
        created += 1;
      } catch (err) {
        // Another process created it at the same moment: harmless.
        log.warn({ err, index: name }, 'ferretdb index mirror: create failed');
      }
    }
    let retuned = 0;
    for (const { indexname } of withPendingList) {
      if (!SAFE_NAME.test(indexname)) continue;
      try {
        // Merged first: a failure between the two leaves the twin to be changed at the next
        // start. The change locks the index, behind a query using it: wait 2 s at most
        // (the other processes' reads and writes would queue behind the waiting change).
        await client.query(`SELECT gin_clean_pending_list($1::regclass)`, [
          `${schema}.${indexname}`,
        ]);
        await client.query(`SET lock_timeout = '2s'`);
        await client.query(`ALTER INDEX ${schema}.${indexname} SET (fastupdate = off)`);
        await client.query(`SET lock_timeout = 0`);
        retuned += 1;
      } catch (err) {
        // Slower lookups, not a reason to refuse to start (dropped meanwhile, or no right to).
        log.warn({ err, index: indexname }, 'ferretdb index mirror: pending list left on');
      }
    }
    if (created) await client.query(`ANALYZE`);
    log.info({ created, existing, retuned }, 'ferretdb index mirror ready');
    return { created, existing, retuned };
  } finally {
    await client.end();
  }
}

/** A PostgreSQL identifier (≤ 63 bytes) for the GIN twin of `table`.`field`, or null if unsafe. */
function ginIndexName(table: string, field: string): string | null {
  if (!SAFE_NAME.test(table)) return null;
  const cleanField = field.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  let hash = 0;
  for (const ch of field) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `${table}_${cleanField.slice(0, 24)}_${hash.toString(36)}_gin`.slice(0, 63);
}
