import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import { createDeskAccount } from '@/lib/desk/accounts';
import { createDeskSession } from '@/lib/desk/sessions';
import { articleInput, parseOrThrow } from '@/lib/content/article-input';
import { readArticleForEditor } from '@/lib/content/article-output';
import { importContent } from '@/lib/content/import-content';
import { replaceArticleInTransaction } from '@/lib/content/save-article';
import { restoreBackup, writeBackup, type BackupSummary } from '../../scripts/lib/backup';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';
import { runScript } from '../helpers/run-script';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
const demoDir = path.join(PROJECT_ROOT, 'content/demo');
const demoImages = JSON.parse(readFileSync(path.join(demoDir, 'images.json'), 'utf8')) as { id: string; width: number; height: number }[];

// Written out here rather than read from the catalog, so a table the backup forgot cannot go unnoticed.
const APPLICATION_TABLES = [
  'article', 'article_revision', 'article_tag', 'article_translation', 'desk_account', 'editor_token',
  'feedback', 'media', 'media_original', 'slug_redirect', 'tag', 'tag_translation',
];
// More than one batch of 1,000 rows, so batching and the cursor are exercised.
const BULK_FEEDBACK = 2_100;
/** Every byte value, NUL and backslash among them, then the image's own number: bytea must come back byte for byte. */
const originalBytes = (index: number) => new Uint8Array([...Array.from({ length: 256 }, (_, byte) => byte), index]);
const TRICKY_MESSAGE = 'Zeile 1\nZeile 2\t"zitiert" \\ – Grüße, Straße 😀 \u2028 Ende';

/** Tables that describe a database, not its content: a restored database has its own (scripts/lib/backup.ts). */
const NOT_CONTENT = ['_prisma_migrations', 'database_identity', 'cache_revalidation', 'rate_limit_hit', 'desk_session'];

/** Every content table's rows as row_to_json text, ordered by primary key. */
async function dumpDatabase(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string; primary_key: string[] }>(`
      SELECT c.relname AS name,
        (SELECT array_agg(a.attname::text ORDER BY k.position)
           FROM pg_index i
           CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
           WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> ALL($1)
      ORDER BY c.relname`, [NOT_CONTENT]);
    const dump: Record<string, string[]> = {};
    for (const table of tables) {
      const order = table.primary_key.map((column) => `t.${pg.escapeIdentifier(column)}`).join(', ');
      const { rows } = await client.query<{ row: string }>(
        `SELECT row_to_json(t)::text AS row FROM public.${pg.escapeIdentifier(table.name)} AS t ORDER BY ${order}`,
      );
      dump[table.name] = rows.map((row) => row.row);
    }
    return dump;
  } finally {
    await client.end();
  }
}

async function queryRows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const migrationNames = async (url: string) =>
  (await queryRows<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name')).map(
    (row) => row.migration_name,
  );

const rowCounts = (dump: Record<string, string[]>) => Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.length]));

const failure = async (promise: Promise<unknown>): Promise<Error> => {
  const outcome: unknown = await promise.then(() => 'succeeded', (reason: unknown) => reason);
  if (!(outcome instanceof Error)) throw new Error(`expected an error, got ${String(outcome)}`);
  return outcome;
};

/** The backup's lines, decompressed and parsed. */
function backupLines(file: string): Record<string, unknown>[] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Loads the demo content and one row of every other kind an editor or reader leaves. */
async function fillSourceDatabase(database: FreshDatabase): Promise<void> {
  const prisma = database.prisma;
  await prisma.media.createMany({
    data: demoImages.map((image) => ({ id: image.id, mimeType: 'image/jpeg', width: image.width, height: image.height, byteSize: 1 })),
  });
  await prisma.mediaOriginal.createMany({ data: demoImages.map((image, index) => ({ mediaId: image.id, bytes: originalBytes(index) })) });
  await importContent(prisma, [path.join(demoDir, 'tags.json'), path.join(demoDir, 'articles')]);
  await createEditorToken(prisma, 'backup-test');
  const { account } = await createDeskAccount(prisma, { email: 'redaktion@example.org', role: 'admin', name: 'Backup Test' });
  await createDeskSession(prisma, account.id);

  const article = await prisma.articleTranslation.findFirst({ where: { locale: 'de' }, orderBy: { id: 'asc' }, select: { articleId: true } });
  if (!article) throw new Error('the demo content has no German article');
  await prisma.$transaction(async (tx) => {
    const current = await readArticleForEditor(tx, article.articleId);
    const german = current?.translations.de;
    if (!current || !german) throw new Error('the article vanished');
    const { type, status, publishedAt, tags, image, translations } = current;
    const changed = { type, status, publishedAt, tags, image, translations: { ...translations, de: { ...german, slug: `${german.slug}-neu` } } };
    await replaceArticleInTransaction(tx, article.articleId, parseOrThrow(articleInput, changed), { author: 'test' });
  });

  await prisma.feedback.create({
    data: { locale: 'de', message: TRICKY_MESSAGE, pageUrl: 'https://example.org/de/artikel/x?y=1&z=2', name: null, email: 'a@example.org' },
  });
  await prisma.feedback.createMany({
    data: Array.from({ length: BULK_FEEDBACK }, (_, index) => ({
      locale: index % 2 === 0 ? ('de' as const) : ('en' as const),
      message: `Meldung ${index}`,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, index)),
    })),
  });
}

describe('database backup and restore', () => {
  let source: FreshDatabase;
  let target: FreshDatabase;
  let spare: FreshDatabase;
  let scratch: string;
  let backupFile: string;
  let sourceDump: Record<string, string[]>;
  let backup: BackupSummary;
  let restored: BackupSummary;

  /** Restores `file` into the spare, migrated and empty database, expecting a refusal that writes nothing. */
  const refusedIntoSpare = async (file: string): Promise<Error> => {
    const error = await failure(restoreBackup(spare.url, file));
    const counts = rowCounts(await dumpDatabase(spare.url));
    expect(Object.values(counts).every((count) => count === 0), JSON.stringify(counts)).toBe(true);
    return error;
  };

  const scratchFile = (name: string, content: Buffer | string) => {
    const file = path.join(scratch, name);
    writeFileSync(file, content);
    return file;
  };

  /** The backup rewritten line by line (header first), compressed again. */
  const editedBackup = (name: string, edit: (lines: Record<string, unknown>[]) => Record<string, unknown>[]) =>
    scratchFile(name, gzipSync(`${edit(backupLines(backupFile)).map((line) => JSON.stringify(line)).join('\n')}\n`));

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'portal-backup-'));
    [source, target, spare] = await Promise.all([freshDatabase(), freshDatabase({ migrate: false }), freshDatabase()]);
    await fillSourceDatabase(source);
    sourceDump = await dumpDatabase(source.url);
    backupFile = path.join(scratch, 'nested', 'backup.jsonl.gz');
    backup = await writeBackup(source.url, backupFile);
    restored = await restoreBackup(target.url, backupFile);
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await Promise.all([source.drop(), target.drop(), spare.drop()]);
  });

  it('fills every application table of the source, so the comparisons below are not vacuous', () => {
    expect(Object.keys(sourceDump)).toEqual(APPLICATION_TABLES);
    for (const table of APPLICATION_TABLES) expect(sourceDump[table]?.length, table).toBeGreaterThan(0);
    expect(sourceDump.slug_redirect).toHaveLength(1);
  });

  it('writes a header, then every table parents first in batches of at most 1,000 rows, without generated columns', async () => {
    const [header, ...tableLines] = backupLines(backupFile);
    expect(header).toEqual({
      format: 'news-portal-backup',
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      migrations: await migrationNames(source.url),
    });
    const order = [...new Set(tableLines.map((line) => String(line.table)))];
    expect([...order].sort()).toEqual(APPLICATION_TABLES);
    const before = (parent: string, child: string) => expect(order.indexOf(parent), `${parent} before ${child}`).toBeLessThan(order.indexOf(child));
    before('media', 'article');
    before('media', 'media_original');
    before('article', 'article_translation');
    before('article', 'slug_redirect');
    before('article', 'article_revision');
    before('article', 'article_tag');
    before('tag', 'article_tag');
    before('tag', 'tag_translation');

    const batches = tableLines.map((line) => (Array.isArray(line.rows) ? (line.rows as Record<string, unknown>[]) : []));
    expect(Math.max(...batches.map((rows) => rows.length))).toBeLessThanOrEqual(1_000);
    const originalLines = tableLines.filter((line) => line.table === 'media_original');
    expect(originalLines.map((line) => (Array.isArray(line.rows) ? line.rows.length : 0))).toEqual(demoImages.map(() => 1));
    expect((originalLines[0]?.rows as Record<string, unknown>[] | undefined)?.[0]?.bytes).toMatch(/^\\x000102/);
    expect(tableLines.filter((line) => line.table === 'feedback')).toHaveLength(Math.ceil((BULK_FEEDBACK + 1) / 1_000));
    const translationRow = tableLines.find((line) => line.table === 'article_translation');
    const firstTranslation = Array.isArray(translationRow?.rows) ? (translationRow.rows[0] as Record<string, unknown>) : {};
    expect(firstTranslation).toHaveProperty('body_markdown');
    expect(firstTranslation).not.toHaveProperty('search_vector');

    expect(backup.tables.map((entry) => entry.table)).toEqual(order);
    expect(Object.fromEntries(backup.tables.map((entry) => [entry.table, entry.rows]))).toEqual(rowCounts(sourceDump));
  });

  it('restores every column of every row of every table exactly, including the recomputed search vectors', async () => {
    const targetDump = await dumpDatabase(target.url);
    expect(Object.keys(targetDump)).toEqual(APPLICATION_TABLES);
    for (const table of APPLICATION_TABLES) expect(targetDump[table], table).toEqual(sourceDump[table]);
    expect(Object.fromEntries(restored.tables.map((entry) => [entry.table, entry.rows]))).toEqual(rowCounts(sourceDump));
    expect(await migrationNames(target.url)).toEqual(await migrationNames(source.url));

    const vectors = 'SELECT id, search_vector::text AS vector FROM article_translation ORDER BY id';
    const sourceVectors = await queryRows<{ id: number; vector: string | null }>(source.url, vectors);
    expect(sourceVectors.every((row) => row.vector !== null && row.vector.length > 0)).toBe(true);
    expect(await queryRows(target.url, vectors)).toEqual(sourceVectors);
    const originals = await target.prisma.mediaOriginal.findMany({ orderBy: { mediaId: 'asc' } });
    const expected = demoImages.map((image, index) => ({ mediaId: image.id, bytes: originalBytes(index) })).sort((a, b) => (a.mediaId < b.mediaId ? -1 : 1));
    expect(originals.map((row) => ({ mediaId: row.mediaId, bytes: Buffer.from(row.bytes).toString('hex') }))).toEqual(
      expected.map((row) => ({ mediaId: row.mediaId, bytes: Buffer.from(row.bytes).toString('hex') })),
    );
    const tricky = await target.prisma.feedback.findFirst({ where: { email: 'a@example.org' }, select: { message: true } });
    expect(tricky?.message).toBe(TRICKY_MESSAGE);
  });

  it('gives the restored database its own identity and an empty revalidation record, so no cache of the source is served for it', async () => {
    const identity = 'SELECT id FROM database_identity';
    const [sourceIdentity] = await queryRows<{ id: string }>(source.url, identity);
    const targetIdentities = await queryRows<{ id: string }>(target.url, identity);
    expect(targetIdentities).toHaveLength(1);
    expect(targetIdentities[0]?.id).not.toBe(sourceIdentity?.id);
    expect((await queryRows(source.url, 'SELECT tag FROM cache_revalidation')).length).toBeGreaterThan(0);
    expect(await queryRows(target.url, 'SELECT tag FROM cache_revalidation')).toEqual([]);
  });

  it('keeps the desk accounts but no one signed in: sessions belong to the database they were made on', async () => {
    expect(await queryRows(target.url, 'SELECT email FROM desk_account')).toEqual([{ email: 'redaktion@example.org' }]);
    expect(await queryRows(source.url, 'SELECT token_hash FROM desk_session')).toHaveLength(1);
    expect(await queryRows(target.url, 'SELECT token_hash FROM desk_session')).toEqual([]);
  });

  it('moves every id sequence past the restored ids, so new rows get fresh ids', async () => {
    const highest = await source.prisma.article.aggregate({ _max: { id: true } });
    const created = await target.prisma.article.create({
      data: { type: 'ARTICLE', status: 'DRAFT', publishedAt: new Date(), updatedAt: new Date() },
    });
    expect(created.id).toBe((highest._max.id ?? 0) + 1);
    const feedback = await target.prisma.feedback.create({ data: { locale: 'en', message: 'after the restore' } });
    expect(feedback.id).toBe(BULK_FEEDBACK + 2);
  });

  it('refuses a database that has content, and changes nothing in it', async () => {
    const error = await failure(restoreBackup(source.url, backupFile));
    expect(error.message).toMatch(/the database is not empty \(rows in .*article.*\); restore only into a new, empty database/);
    expect(await dumpDatabase(source.url)).toEqual(sourceDump);
  });

  it('refuses to overwrite an existing backup file', async () => {
    const error = await failure(writeBackup(source.url, backupFile));
    expect(error.message).toBe(`${backupFile} already exists; choose another file name`);
  });

  it('refuses a truncated file before touching the database', async () => {
    const bytes = readFileSync(backupFile);
    const truncated = scratchFile('truncated.jsonl.gz', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await refusedIntoSpare(truncated);
    expect(error.message).toBe(`${truncated} is incomplete (it ends in the middle of the compressed data)`);
  });

  it('refuses files that are not backups', async () => {
    const plain = scratchFile('plain.json', '{"table": "article", "rows": []}\n');
    expect((await refusedIntoSpare(plain)).message).toBe(`${plain} is not a news-portal backup (not gzip-compressed data)`);
    const foreign = scratchFile('foreign.jsonl.gz', gzipSync('{"hello": "world"}\n'));
    expect((await refusedIntoSpare(foreign)).message).toBe(`${foreign} is not a news-portal backup (no backup header)`);
    const missing = path.join(scratch, 'missing.jsonl.gz');
    expect((await refusedIntoSpare(missing)).message).toBe(`${missing} does not exist`);
    const damagedLine = editedBackup('damaged-line.jsonl.gz', (lines) => [...lines, { table: 'feedback' }]);
    expect((await refusedIntoSpare(damagedLine)).message).toMatch(/damaged-line\.jsonl\.gz: line \d+ is damaged \(expected a table name and its rows\)$/);
  });

  it('refuses a backup from a newer version, naming the migration it does not know', async () => {
    const newer = editedBackup('newer.jsonl.gz', ([header, ...rest]) => [
      { ...header, migrations: [...(Array.isArray(header?.migrations) ? header.migrations : []), '29990101000000_future'] },
      ...rest,
    ]);
    const error = await refusedIntoSpare(newer);
    expect(error.message).toContain('unknown migration 29990101000000_future');
  });

  it('rolls back every table when a row near the end cannot be inserted', async () => {
    const orphan = editedBackup('orphan.jsonl.gz', (lines) => [
      ...lines,
      { table: 'article_revision', rows: [{ id: 999_999, article_id: 424_242, action: 'created', author: 'x', snapshot: {}, created_at: '2026-01-01T00:00:00Z' }] },
    ]);
    const error = await refusedIntoSpare(orphan);
    expect(error.message).toMatch(/^restoring article_revision \(line \d+\) failed: .*foreign key/);
  });
});

// Each run starts Node, tsx and a migration check (a second or two), so these tests get more time.
describe('npm run db:backup and db:restore', { timeout: 60_000 }, () => {
  let source: FreshDatabase;
  let target: FreshDatabase;
  let scratch: string;
  const mediaDirBefore = process.env.MEDIA_DIR;
  const imageFromBefore = Buffer.from('an original from before originals were stored in the database');

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'portal-backup-cli-'));
    [source, target] = await Promise.all([freshDatabase(), freshDatabase({ migrate: false })]);
    await fillSourceDatabase(source);
    // An image uploaded before originals moved into the database, never requested since: only the media folder has it.
    process.env.MEDIA_DIR = path.join(scratch, 'media');
    mkdirSync(path.join(process.env.MEDIA_DIR, 'from-before'), { recursive: true });
    writeFileSync(path.join(process.env.MEDIA_DIR, 'from-before', 'original'), imageFromBefore);
    await source.prisma.media.create({ data: { id: 'from-before', mimeType: 'image/png', width: 10, height: 10, byteSize: imageFromBefore.length } });
  });
  afterAll(async () => {
    process.env.MEDIA_DIR = mediaDirBefore;
    rmSync(scratch, { recursive: true, force: true });
    await Promise.all([source.drop(), target.drop()]);
  });

  it('backs up and restores end to end, printing the file, the rows per table and the media note', async () => {
    const file = path.join(scratch, 'cli.jsonl.gz');
    const countLines = (counts: Record<string, number>) =>
      Object.entries(counts).map(([table, rows]) => new RegExp(`^  ${table} +${rows} rows?$`, 'm'));

    const backedUp = await runScript('scripts/db-backup.ts', source.url, [file]);
    // Standard error names the database only (scripts/lib/database.ts).
    expect(backedUp.stderr).toMatch(/^Database: .+ \(DATABASE_URL\)\n$/);
    expect(backedUp.code).toBe(0);
    // The backup first loaded the original only the media folder had.
    const sourceDump = await dumpDatabase(source.url);
    expect(backedUp.stdout).toContain(`(1 moved from the media folder ${process.env.MEDIA_DIR} into the database first)`);
    expect(backedUp.stdout.split('\n')[0]).toBe(`Backed up to ${file}`);
    for (const line of countLines(rowCounts(sourceDump))) expect(backedUp.stdout).toMatch(line);
    expect(backedUp.stdout).toContain('Images are in the backup: their originals are rows of media_original');
    expect(backedUp.stdout).not.toContain('Media files are not in the backup');

    const restoredRun = await runScript('scripts/db-restore.ts', target.url, [file]);
    expect(restoredRun.code).toBe(0);
    expect(restoredRun.stdout.split('\n')[0]).toMatch(new RegExp(`^Restored ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(backup of .+\\)$`));
    for (const line of countLines(rowCounts(sourceDump))) expect(restoredRun.stdout).toMatch(line);
    expect(restoredRun.stdout).toContain('Images are in the backup and restored with it');
    expect(await dumpDatabase(target.url)).toEqual(sourceDump);
    const restoredOriginal = await target.prisma.mediaOriginal.findUnique({ where: { mediaId: 'from-before' } });
    expect(Buffer.from(restoredOriginal?.bytes ?? new Uint8Array()).equals(imageFromBefore)).toBe(true);
  });

  it('refuses a second restore into the now filled database with exit code 1 and no stack trace', async () => {
    const file = path.join(scratch, 'again.jsonl.gz');
    expect((await runScript('scripts/db-backup.ts', source.url, [file])).code).toBe(0);
    const before = await dumpDatabase(target.url);
    const again = await runScript('scripts/db-restore.ts', target.url, [file]);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toContain('Nothing was restored: the database is not empty');
    expect(again.stderr).not.toMatch(/^\s+at /m);
    expect(await dumpDatabase(target.url)).toEqual(before);
  });

  it('prints usage and exits with 2 on wrong arguments', async () => {
    const restore = await runScript('scripts/db-restore.ts', target.url, []);
    expect(restore).toMatchObject({ code: 2, stdout: '' });
    expect(restore.stderr).toContain('usage: npm run db:restore <file>');
    const backupRun = await runScript('scripts/db-backup.ts', source.url, ['a.jsonl.gz', 'b.jsonl.gz']);
    expect(backupRun).toMatchObject({ code: 2, stdout: '' });
    expect(backupRun.stderr).toContain('usage: npm run db:backup [file]');
  });
});
