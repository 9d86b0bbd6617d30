import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { applyMigrations, readMigrations } from '../../prisma/migrate';

/*
 * A logical backup that needs no PostgreSQL client tools: gzip-compressed JSON
 * lines, a header first, then every application table in batches of rows as
 * PostgreSQL's row_to_json writes them. Tables and their order come from the
 * catalog, so a new migration needs no change here. Binary columns (the
 * image originals in media_original) come out as PostgreSQL's hex text
 * (`\x…`), which json_populate_recordset reads back byte for byte.
 */

export const BACKUP_FORMAT = 'news-portal-backup';
export const BACKUP_VERSION = 1;
const BATCH_SIZE = 1_000;
// Rows with binary columns (image originals, up to 10 MiB each, twice that as hex) go one to a line, so that a line stays small enough to parse.
const BINARY_BATCH_SIZE = 1;
const MIGRATIONS_TABLE = '_prisma_migrations';
/*
 * Tables that describe this database rather than its content: its own name,
 * the record of cache revalidations, the rate-limit counters and the desk's sessions. A restored database is
 * a new one, with a new name, an empty cache and no one signed in, so these are neither saved nor restored;
 * the desk's accounts are content (a restored portal keeps its newsroom).
 */
const NOT_CONTENT = [MIGRATIONS_TABLE, 'database_identity', 'cache_revalidation', 'rate_limit_hit', 'desk_session'];

export type BackupHeader = { format: typeof BACKUP_FORMAT; version: typeof BACKUP_VERSION; createdAt: string; migrations: string[] };
export type TableCount = { table: string; rows: number };
export type BackupSummary = { file: string; header: BackupHeader; tables: TableCount[] };

type Column = { name: string; generated: boolean; binary: boolean };
type Table = { name: string; columns: Column[]; primaryKey: string[]; parents: string[] };

const quote = (identifier: string) => pg.escapeIdentifier(identifier);
const qualified = (table: string) => `${quote('public')}.${quote(table)}`;

/** Every content table in schema public (not NOT_CONTENT), parents before the tables that refer to them. */
async function applicationTables(client: pg.ClientBase): Promise<Table[]> {
  const { rows } = await client.query<{ name: string; columns: Column[]; primary_key: string[]; parents: string[] }>(`
    SELECT c.relname AS name,
      (SELECT json_agg(json_build_object('name', a.attname, 'generated', a.attgenerated <> '', 'binary', a.atttypid = 'bytea'::regtype) ORDER BY a.attnum)
         FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
      (SELECT coalesce(json_agg(a.attname ORDER BY k.position), '[]')
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
         WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key,
      (SELECT coalesce(json_agg(DISTINCT p.relname), '[]')
         FROM pg_constraint f JOIN pg_class p ON p.oid = f.confrelid
         WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS parents
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ALL($1)
    ORDER BY c.relname`, [NOT_CONTENT]);
  return parentsFirst(rows.map((row) => ({ name: row.name, columns: row.columns, primaryKey: row.primary_key, parents: row.parents })));
}

/** Orders tables so that rows can be inserted without breaking a foreign key; ties stay alphabetical. */
function parentsFirst(tables: Table[]): Table[] {
  const names = new Set(tables.map((table) => table.name));
  const ordered: Table[] = [];
  const placed = new Set<string>();
  let pending = tables;
  while (pending.length > 0) {
    const ready = pending.filter((table) => table.parents.every((parent) => placed.has(parent) || !names.has(parent)));
    if (ready.length === 0) {
      throw new Error(`the foreign keys of ${pending.map((table) => table.name).join(', ')} form a cycle; this backup cannot order them`);
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    pending = pending.filter((table) => !placed.has(table.name));
  }
  return ordered;
}

const storedColumns = (table: Table) => table.columns.filter((column) => !column.generated).map((column) => column.name);

async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows: exists } = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [
    qualified(MIGRATIONS_TABLE),
  ]);
  if (!exists[0]?.found) return [];
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM ${qualified(MIGRATIONS_TABLE)}
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.migration_name);
}

/**
 * Yields the backup's lines. A `json` column may keep line breaks of its own;
 * outside strings they are mere whitespace, so they become spaces.
 */
async function* backupLines(client: pg.ClientBase, header: BackupHeader, tables: Table[], counts: TableCount[]): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of tables) {
    const columns = storedColumns(table).map((column) => `t.${quote(column)}`).join(', ');
    // Without a primary key, the physical order is still stable within one snapshot.
    const order = table.primaryKey.length > 0 ? table.primaryKey.map((column) => `t.${quote(column)}`).join(', ') : 't.ctid';
    await client.query(`DECLARE backup_rows NO SCROLL CURSOR FOR
      SELECT row_to_json(r)::text AS row FROM ${qualified(table.name)} AS t CROSS JOIN LATERAL (SELECT ${columns}) AS r ORDER BY ${order}`);
    const batchSize = table.columns.some((column) => column.binary) ? BINARY_BATCH_SIZE : BATCH_SIZE;
    let total = 0;
    for (;;) {
      const { rows } = await client.query<{ row: string }>(`FETCH ${batchSize} FROM backup_rows`);
      if (rows.length === 0) break;
      total += rows.length;
      const rowTexts = rows.map((row) => row.row.replace(/[\r\n]/g, ' '));
      yield `{"table":${JSON.stringify(table.name)},"rows":[${rowTexts.join(',')}]}\n`;
      if (rows.length < batchSize) break;
    }
    await client.query('CLOSE backup_rows');
    counts.push({ table: table.name, rows: total });
  }
}

/**
 * Writes a consistent snapshot of every application table to `file`
 * (refusing to overwrite one). The file appears only once it is complete.
 */
export async function writeBackup(connectionString: string, file: string): Promise<BackupSummary> {
  const target = path.resolve(file);
  if (existsSync(target)) throw new Error(`${target} already exists; choose another file name`);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // now() is the snapshot's time: the first statement fixes both.
    const { rows } = await client.query<{ now: Date }>('SELECT now() AS now');
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: (rows[0]?.now ?? new Date()).toISOString(),
      migrations: await appliedMigrations(client),
    };
    const tables = await applicationTables(client);
    const counts: TableCount[] = [];
    try {
      await pipelineAsync(backupLines(client, header, tables, counts), createGzip(), createWriteStream(partial));
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    await client.query('COMMIT');
    return { file: target, header, tables: counts };
  } finally {
    await client.end();
  }
}

function describeReadError(file: string, error: unknown): Error {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') return new Error(`${file} does not exist`);
  if (code === 'Z_DATA_ERROR') return new Error(`${file} is not a news-portal backup (not gzip-compressed data)`);
  if (code === 'Z_BUF_ERROR') return new Error(`${file} is incomplete (it ends in the middle of the compressed data)`);
  return error instanceof Error ? error : new Error(String(error));
}

/** The decompressed lines of a backup file, one at a time. */
async function* fileLines(file: string): AsyncGenerator<string> {
  const decompressed = pipeline(createReadStream(file), createGunzip(), () => {
    // Errors reach the reader below through the destroyed last stream.
  });
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of decompressed) {
      pending += decoder.write(chunk as Buffer);
      let end = pending.indexOf('\n');
      while (end >= 0) {
        yield pending.slice(0, end);
        pending = pending.slice(end + 1);
        end = pending.indexOf('\n');
      }
    }
  } catch (error) {
    throw describeReadError(file, error);
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}

type TableLine = { table: string; rows: Record<string, unknown>[]; text: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseHeader(file: string, line: string | undefined): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    value = null;
  }
  if (!isObject(value) || value.format !== BACKUP_FORMAT) throw new Error(`${file} is not a news-portal backup (no backup header)`);
  if (value.version !== BACKUP_VERSION) throw new Error(`${file} has backup format version ${String(value.version)}; this code reads version ${BACKUP_VERSION}`);
  const { createdAt, migrations } = value;
  if (typeof createdAt !== 'string' || !Array.isArray(migrations) || !migrations.every((name) => typeof name === 'string')) {
    throw new Error(`${file} has a damaged backup header`);
  }
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, migrations };
}

function parseTableLine(file: string, lineNumber: number, text: string): TableLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file}: line ${lineNumber} is damaged (not valid JSON)`);
  }
  if (!isObject(value) || typeof value.table !== 'string' || !Array.isArray(value.rows) || !value.rows.every(isObject)) {
    throw new Error(`${file}: line ${lineNumber} is damaged (expected a table name and its rows)`);
  }
  return { table: value.table, rows: value.rows, text };
}

/** Reads the whole file once, so a damaged backup is refused before the database is touched. */
async function checkBackupFile(file: string): Promise<BackupHeader> {
  let header: BackupHeader | null = null;
  let lineNumber = 0;
  for await (const line of fileLines(file)) {
    lineNumber += 1;
    if (header === null) header = parseHeader(file, line);
    else parseTableLine(file, lineNumber, line);
  }
  return header ?? parseHeader(file, undefined);
}

async function tablesWithRows(client: pg.ClientBase, tables: Table[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${qualified(table.name)}) AS filled`);
    if (rows[0]?.filled) filled.push(table.name);
  }
  return filled;
}

function refuseUnlessEmpty(filled: string[]): void {
  if (filled.length > 0) {
    throw new Error(`the database is not empty (rows in ${filled.join(', ')}); restore only into a new, empty database`);
  }
}

/**
 * The columns a batch gives values for. Columns added by a later migration
 * than the backup's are left out, so they take their defaults.
 */
function insertColumns(table: Table, line: TableLine): string[] {
  const keys = new Set(line.rows.flatMap((row) => Object.keys(row)));
  const known = new Set(table.columns.map((column) => column.name));
  const unknown = [...keys].filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`the backup has column(s) ${unknown.join(', ')} of ${table.name} that this database lacks`);
  return storedColumns(table).filter((column) => keys.has(column));
}

async function insertBatch(client: pg.ClientBase, table: Table, line: TableLine): Promise<void> {
  const columns = insertColumns(table, line).map(quote).join(', ');
  const name = qualified(table.name);
  // The line goes to PostgreSQL as it was written: no round trip through JavaScript numbers.
  const result = await client.query(
    `INSERT INTO ${name} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${name}, $1::json -> 'rows')`,
    [line.text],
  );
  if (result.rowCount !== line.rows.length) {
    throw new Error(`${table.name}: inserted ${String(result.rowCount)} of ${line.rows.length} rows`);
  }
}

/** Sets every serial or identity sequence past the highest restored value, so new rows get fresh ids. */
async function resetSequences(client: pg.ClientBase, tables: Table[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns) {
      const { rows } = await client.query<{ sequence: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS sequence', [
        qualified(table.name),
        column.name,
      ]);
      const sequence = rows[0]?.sequence;
      if (!sequence) continue;
      await client.query(`SELECT setval($1, coalesce((SELECT max(${quote(column.name)}) FROM ${qualified(table.name)}), 0) + 1, false)`, [
        sequence,
      ]);
    }
  }
}

/**
 * Restores a backup into an empty database: applies this code's migrations,
 * then inserts every row in one transaction, so a failure leaves no row behind.
 */
export async function restoreBackup(connectionString: string, file: string): Promise<BackupSummary> {
  const source = path.resolve(file);
  const header = await checkBackupFile(source);
  const known = new Set(readMigrations().map((migration) => migration.name));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`the backup comes from a newer version of the portal (unknown migration ${unknown.join(', ')}); update the code first`);
  }

  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    refuseUnlessEmpty(await tablesWithRows(client, await applicationTables(client)));
    await applyMigrations(connectionString);

    await client.query('BEGIN');
    try {
      const tables = await applicationTables(client);
      // Nobody may write between the check and the restore.
      if (tables.length > 0) await client.query(`LOCK TABLE ${tables.map((table) => qualified(table.name)).join(', ')} IN EXCLUSIVE MODE`);
      refuseUnlessEmpty(await tablesWithRows(client, tables));
      const tablesByName = new Map(tables.map((table) => [table.name, table]));
      const counts = new Map(tables.map((table) => [table.name, 0]));
      let lineNumber = 0;
      for await (const text of fileLines(source)) {
        lineNumber += 1;
        if (lineNumber === 1) continue;
        const line = parseTableLine(source, lineNumber, text);
        const table = tablesByName.get(line.table);
        if (!table) throw new Error(`${source}: line ${lineNumber} is for table ${line.table}, which this database does not have`);
        if (line.rows.length === 0) continue;
        try {
          await insertBatch(client, table, line);
        } catch (error) {
          throw new Error(`restoring ${line.table} (line ${lineNumber}) failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        counts.set(line.table, (counts.get(line.table) ?? 0) + line.rows.length);
      }
      await resetSequences(client, tables);
      await client.query('COMMIT');
      return { file: source, header, tables: [...counts].map(([table, rows]) => ({ table, rows })) };
    } catch (error) {
      // A lost connection must not hide why the restore failed; PostgreSQL rolls back on its own then.
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** One line per table for a command's output, names and counts aligned. */
export function tableCountLines(tables: TableCount[]): string[] {
  const width = Math.max(0, ...tables.map((entry) => entry.table.length));
  return tables.map((entry) => `  ${entry.table.padEnd(width)}  ${entry.rows} ${entry.rows === 1 ? 'row' : 'rows'}`);
}
