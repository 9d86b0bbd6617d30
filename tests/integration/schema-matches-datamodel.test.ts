import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

/*
 * Our migrations are written by hand (Prisma Migrate cannot run on our build
 * machines), so this test proves they build exactly the database that
 * prisma/schema.prisma describes, as Prisma Migrate would have built it.
 *
 * Where the datamodel comes from: Prisma's own schema parser, the WebAssembly
 * module the `prisma` CLI ships (build/prisma_schema_build_bg.wasm, the same
 * code as @prisma/prisma-schema-wasm, which is not installed on its own). We
 * chose it over the runtime data model embedded in lib/generated/prisma
 * because that one is a generated artifact that can be stale, and it is
 * pruned to names, kinds, types and dbNames: it knows nothing of nullability,
 * keys, unique constraints, indexes, defaults, native types or referential
 * actions. Regex-parsing the schema would be our own, weaker, parser. The
 * price is that we talk to the module through its wasm-bindgen interface;
 * if a Prisma upgrade changes that interface, loading fails loudly here.
 */

// ---------------------------------------------------------------------------
// The datamodel, as Prisma's parser reads it

type SchemaWasm = {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc: (size: number, align: number) => number;
  __wbindgen_free: (pointer: number, size: number, align: number) => void;
  __externref_table_dealloc: (index: number) => void;
  __wbindgen_start: () => void;
  get_dmmf: (pointer: number, length: number) => [number, number, number, number];
};

function loadPrismaSchemaParser(): (schema: string) => unknown {
  const prismaPackage = createRequire(import.meta.url).resolve('prisma/package.json');
  const wasmModule = new WebAssembly.Module(readFileSync(path.join(path.dirname(prismaPackage), 'build', 'prisma_schema_build_bg.wasm')));
  // The imports below need the instance they are imported into.
  const loaded: { wasm?: SchemaWasm } = {};
  let panicMessage = '';
  const readString = (pointer: number, length: number) => {
    if (!loaded.wasm) throw new Error('schema parser used before it was loaded');
    return new TextDecoder().decode(new Uint8Array(loaded.wasm.memory.buffer, pointer >>> 0, length >>> 0));
  };
  // Imports are named `<purpose>_<hash>`; the hash changes with every Prisma release.
  const importsByPrefix: [string, (...args: number[]) => unknown][] = [
    ['__wbg_Error_', (pointer = 0, length = 0) => new Error(readString(pointer, length))],
    ['__wbg___wbindgen_throw_', (pointer = 0, length = 0) => {
      throw new Error(readString(pointer, length));
    }],
    ['__wbg_set_message_', (pointer = 0, length = 0) => {
      panicMessage = readString(pointer, length);
    }],
    ['__wbindgen_init_externref_table', () => {
      if (!loaded.wasm) throw new Error('schema parser initialised before it was loaded');
      const table = loaded.wasm.__wbindgen_externrefs;
      const start = table.grow(4);
      [undefined, null, true, false].forEach((value, offset) => table.set(start + offset, value));
    }],
  ];
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const wanted of WebAssembly.Module.imports(wasmModule)) {
    const handler = importsByPrefix.find(([prefix]) => wanted.name.startsWith(prefix))?.[1];
    if (!handler) throw new Error(`Prisma's schema WASM wants an import this test does not provide: ${wanted.name}`);
    (imports[wanted.module] ??= {})[wanted.name] = handler;
  }
  const parser = new WebAssembly.Instance(wasmModule, imports).exports as unknown as SchemaWasm;
  if (typeof parser.get_dmmf !== 'function') throw new Error("Prisma's schema WASM no longer exports get_dmmf");
  loaded.wasm = parser;
  parser.__wbindgen_start();

  return (schema) => {
    const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: schema, noColor: true }));
    const pointer = parser.__wbindgen_malloc(input.length, 1) >>> 0;
    new Uint8Array(parser.memory.buffer, pointer, input.length).set(input);
    const [outPointer, outLength, errorIndex, failed] = parser.get_dmmf(pointer, input.length);
    if (failed) {
      const error: unknown = parser.__wbindgen_externrefs.get(errorIndex);
      parser.__externref_table_dealloc(errorIndex);
      throw new Error(`Prisma could not parse the schema: ${error instanceof Error ? error.message : String(error)} ${panicMessage}`);
    }
    try {
      return JSON.parse(readString(outPointer, outLength));
    } finally {
      parser.__wbindgen_free(outPointer, outLength, 1);
    }
  };
}

const dmmfField = z.object({
  name: z.string(),
  dbName: z.string().nullish(),
  kind: z.enum(['scalar', 'enum', 'object', 'unsupported']),
  type: z.string(),
  isList: z.boolean(),
  isRequired: z.boolean(),
  nativeType: z.tuple([z.string(), z.array(z.string())]).nullable(),
  default: z.unknown().optional(),
  relationFromFields: z.array(z.string()).optional(),
  relationToFields: z.array(z.string()).optional(),
  relationOnDelete: z.string().optional(),
  relationOnUpdate: z.string().optional(),
});
type DmmfField = z.infer<typeof dmmfField>;

const dmmf = z.object({
  datamodel: z.object({
    enums: z.array(z.object({ name: z.string(), dbName: z.string().nullish(), values: z.array(z.object({ name: z.string(), dbName: z.string().nullish() })) })),
    // Several PostgreSQL schemas would need a different introspection below.
    models: z.array(z.object({ name: z.string(), dbName: z.string().nullable(), schema: z.null(), fields: z.array(dmmfField) })),
    indexes: z.array(
      z.object({
        model: z.string(),
        type: z.enum(['id', 'unique', 'normal', 'fulltext']),
        dbName: z.string().optional(),
        algorithm: z.string().optional(),
        // Strict: index options this test does not check (length, operator classes) must fail it.
        fields: z.array(z.strictObject({ name: z.string(), sortOrder: z.enum(['asc', 'desc']).optional() })),
      }),
    ),
  }),
});
type Datamodel = z.infer<typeof dmmf>['datamodel'];

// ---------------------------------------------------------------------------
// One shape for both sides: what Prisma Migrate would create, and what is there

type Column = { table: string; column: string; type: string; notNull: boolean; default: string | null };
type Index = { table: string; name: string; columns: string[]; primary: boolean; unique: boolean; method: string; predicate: string | null };
type ForeignKey = { table: string; name: string; columns: string[]; referencedTable: string; referencedColumns: string[]; onDelete: string; onUpdate: string };
type EnumType = { name: string; values: string[] };
type DatabaseShape = { tables: string[]; enums: EnumType[]; columns: Column[]; indexes: Index[]; foreignKeys: ForeignKey[] };

const quoteIdent = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

// Prisma's types on PostgreSQL without a @db attribute, as format_type() prints them.
const defaultColumnType: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const nativeColumnType: Record<string, (args: string[]) => string> = {
  Timestamptz: ([precision = '6']) => `timestamp(${precision}) with time zone`,
  Timestamp: ([precision = '6']) => `timestamp(${precision}) without time zone`,
  VarChar: ([length]) => (length ? `character varying(${length})` : 'character varying'),
  Text: () => 'text',
};
// pg_constraint's one-letter codes for referential actions.
const referentialAction: Record<string, string> = { Cascade: 'c', Restrict: 'r', NoAction: 'a', SetNull: 'n', SetDefault: 'd' };

/**
 * Prisma's DMMF leaves out `Unsupported("…")` fields, so they are read from
 * the schema text. We use them only for columns PostgreSQL generates (the
 * search vector), which is what the expected shape says of them.
 */
type UnsupportedField = { model: string; name: string; type: string; optional: boolean; dbName: string | null };

function unsupportedFields(schema: string): UnsupportedField[] {
  return [...schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)].flatMap(([, model = '', body = '']) =>
    [...body.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?([^\n]*)$/gm)].map(([, name = '', type = '', optional, rest = '']) => ({
      model,
      name,
      type,
      optional: optional === '?',
      dbName: /@map\("([^"]+)"\)/.exec(rest)?.[1] ?? null,
    })),
  );
}

function expectedShape(datamodel: Datamodel, unsupported: UnsupportedField[]): DatabaseShape {
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const enums = new Map(datamodel.enums.map((e) => [e.name, e]));
  const tableOf = (modelName: string) => {
    const model = models.get(modelName);
    if (!model) throw new Error(`unknown model ${modelName}`);
    return model.dbName ?? model.name;
  };
  const fieldOf = (modelName: string, fieldName: string) => {
    const field = models.get(modelName)?.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`unknown field ${modelName}.${fieldName}`);
    return field;
  };
  const columnOf = (modelName: string, fieldName: string) => {
    const other = unsupported.find((u) => u.model === modelName && u.name === fieldName);
    if (other) return other.dbName ?? other.name;
    const field = fieldOf(modelName, fieldName);
    return field.dbName ?? field.name;
  };
  const enumTypeOf = (field: DmmfField) => {
    const enumType = enums.get(field.type);
    if (!enumType) throw new Error(`unknown enum ${field.type}`);
    return enumType;
  };

  const columnType = (field: DmmfField, where: string) => {
    if (field.isList) throw new Error(`${where}: list fields are not handled by this test yet`);
    if (field.kind === 'enum') return `enum ${enumTypeOf(field).dbName ?? field.type}`;
    if (field.nativeType) {
      const [name, args] = field.nativeType;
      const type = nativeColumnType[name];
      if (!type) throw new Error(`${where}: add @db.${name} to nativeColumnType in this test`);
      return type(args);
    }
    const type = defaultColumnType[field.type];
    if (!type) throw new Error(`${where}: unsupported type ${field.type}`);
    return type;
  };

  // As pg_get_expr() prints the default Prisma Migrate writes.
  const columnDefault = (field: DmmfField, table: string, column: string): string | null => {
    const value = field.default;
    if (value === undefined) return null;
    if (typeof value === 'object' && value !== null && 'name' in value) {
      if (value.name === 'autoincrement') return `nextval('${quoteIdent(`${table}_${column}_seq`)}'::regclass)`;
      if (value.name === 'now') return 'CURRENT_TIMESTAMP';
      throw new Error(`${table}.${column}: default ${String(value.name)}() is not handled by this test yet`);
    }
    if (field.kind === 'enum' && typeof value === 'string') {
      const enumType = enumTypeOf(field);
      const dbValue = enumType.values.find((v) => v.name === value)?.dbName ?? value;
      return `'${dbValue}'::${quoteIdent(enumType.dbName ?? enumType.name)}`;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'string' && field.type === 'String') return `'${value.replaceAll("'", "''")}'::text`;
    throw new Error(`${table}.${column}: default ${JSON.stringify(value)} is not handled by this test yet`);
  };

  const columns = [
    ...datamodel.models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind === 'scalar' || field.kind === 'enum')
        .map((field): Column => {
          const table = tableOf(model.name);
          const column = field.dbName ?? field.name;
          return { table, column, type: columnType(field, `${model.name}.${field.name}`), notNull: field.isRequired, default: columnDefault(field, table, column) };
        }),
    ),
    ...unsupported.map((field): Column => ({
      table: tableOf(field.model),
      column: field.dbName ?? field.name,
      type: field.type,
      notNull: !field.optional,
      default: GENERATED,
    })),
  ];

  const indexes = datamodel.indexes.map((index): Index => {
    const table = tableOf(index.model);
    const columnNames = index.fields.map((f) => columnOf(index.model, f.name));
    if (index.type === 'fulltext') throw new Error(`${index.model}: full-text indexes do not exist on PostgreSQL`);
    // Prisma Migrate's naming convention, unless the schema sets `map:`.
    const conventionalName = index.type === 'id' ? `${table}_pkey` : `${table}_${columnNames.join('_')}_${index.type === 'unique' ? 'key' : 'idx'}`;
    return {
      table,
      name: index.dbName ?? conventionalName,
      columns: index.fields.map((f, i) => `${columnNames[i]}${f.sortOrder === 'desc' ? ' DESC' : ''}`),
      primary: index.type === 'id',
      unique: index.type !== 'normal',
      method: (index.algorithm ?? 'BTree').toLowerCase(),
      predicate: null,
    };
  });

  const foreignKeys = datamodel.models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === 'object' && (field.relationFromFields ?? []).length > 0)
      .map((field): ForeignKey => {
        const table = tableOf(model.name);
        const from = field.relationFromFields ?? [];
        const columns = from.map((name) => columnOf(model.name, name));
        // Prisma's defaults when the relation does not name its actions.
        const optional = from.some((name) => !fieldOf(model.name, name).isRequired);
        const onDelete = field.relationOnDelete ?? (optional ? 'SetNull' : 'Restrict');
        const onUpdate = field.relationOnUpdate ?? 'Cascade';
        return {
          table,
          // DMMF does not carry a relation's `map:`; our schema uses none, so the convention applies.
          name: `${table}_${columns.join('_')}_fkey`,
          columns,
          referencedTable: tableOf(field.type),
          referencedColumns: (field.relationToFields ?? []).map((name) => columnOf(field.type, name)),
          onDelete: referentialAction[onDelete] ?? `unknown ${onDelete}`,
          onUpdate: referentialAction[onUpdate] ?? `unknown ${onUpdate}`,
        };
      }),
  );

  return sortShape({
    tables: datamodel.models.map((model) => model.dbName ?? model.name),
    enums: datamodel.enums.map((e) => ({ name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) })),
    columns,
    indexes,
    foreignKeys,
  });
}

// How a column PostgreSQL computes itself (GENERATED ALWAYS AS … STORED) shows up in both shapes.
const GENERATED = '(generated column)';

// Prisma Migrate's own bookkeeping table is the only thing not in the datamodel.
const MIGRATIONS_TABLE = '_prisma_migrations';

async function actualShape(client: pg.Client): Promise<DatabaseShape> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  const enums = await client.query<EnumType>(
    `SELECT t.typname AS name,
            array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype = 'e'`,
  );
  const columns = await client.query<Column>(
    `SELECT c.relname AS table, a.attname AS column,
            CASE WHEN t.typtype = 'e' THEN 'enum ' || t.typname ELSE format_type(a.atttypid, a.atttypmod) END AS type,
            a.attnotnull AS "notNull",
            CASE WHEN a.attgenerated = 's' THEN $2 ELSE pg_get_expr(d.adbin, d.adrelid) END AS default
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> $1
       AND a.attnum > 0 AND NOT a.attisdropped`,
    [MIGRATIONS_TABLE, GENERATED],
  );
  const indexes = await client.query<Index>(
    `SELECT t.relname AS table, ix.relname AS name, i.indisprimary AS primary, i.indisunique AS unique,
            am.amname AS method, pg_get_expr(i.indpred, i.indrelid) AS predicate,
            array(
              SELECT coalesce(a.attname::text, '(expression)') || CASE WHEN (i.indoption[k] & 1) = 1 THEN ' DESC' ELSE '' END
              FROM generate_subscripts(i.indkey, 1) AS k
              LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k]
              ORDER BY k
            ) AS columns
     FROM pg_index i
     JOIN pg_class ix ON ix.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = ix.relam
     WHERE n.nspname = 'public' AND t.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  const foreignKeys = await client.query<ForeignKey>(
    `SELECT t.relname AS table, c.conname AS name, r.relname AS "referencedTable",
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.position) AS columns,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, position)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.position) AS "referencedColumns",
            c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate"
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND c.contype = 'f'`,
  );
  return sortShape({
    tables: tables.rows.map((row) => row.name),
    enums: enums.rows,
    columns: columns.rows,
    indexes: indexes.rows,
    foreignKeys: foreignKeys.rows,
  });
}

function sortShape(shape: DatabaseShape): DatabaseShape {
  const by = <T>(key: (item: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
  return {
    tables: [...shape.tables].sort(),
    enums: [...shape.enums].sort(by((e) => e.name)),
    columns: [...shape.columns].sort(by((c) => `${c.table}.${c.column}`)),
    indexes: [...shape.indexes].sort(by((i) => `${i.table}.${i.name}`)),
    foreignKeys: [...shape.foreignKeys].sort(by((f) => `${f.table}.${f.name}`)),
  };
}

// ---------------------------------------------------------------------------

describe('the hand-written migrations build exactly the Prisma datamodel', () => {
  const schemaFile = path.join(import.meta.dirname, '../../prisma/schema.prisma');
  const schema = readFileSync(schemaFile, 'utf8');
  const expected = expectedShape(dmmf.parse(loadPrismaSchemaParser()(schema)).datamodel, unsupportedFields(schema));
  let database: FreshDatabase;
  let client: pg.Client;
  let actual: DatabaseShape;

  beforeAll(async () => {
    database = await freshDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actual = await actualShape(client);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('has one table per model (by @@map name) and no other table besides _prisma_migrations', () => {
    expect(actual.tables).toEqual(expected.tables);
  });

  it('has every enum as a PostgreSQL enum type with the same values in the same order', () => {
    expect(actual.enums).toEqual(expected.enums);
  });

  it('has one column per scalar field (by @map name) with its type, nullability and default, and no other', () => {
    expect(actual.columns).toEqual(expected.columns);
  });

  it('has the primary keys, unique indexes and indexes (with sort order) of the datamodel, and no other', () => {
    expect(actual.indexes).toEqual(expected.indexes);
  });

  it('has one foreign key per relation, with its columns and referential actions', () => {
    expect(actual.foreignKeys).toEqual(expected.foreignKeys);
  });

  it('has no constraints Prisma would not create (CHECK, UNIQUE constraints, exclusion, triggers)', async () => {
    const extra = await client.query(
      `SELECT t.relname AS table, c.conname AS name, c.contype AS type
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> $1
         -- Primary and foreign keys are compared above; PostgreSQL 18 also lists NOT NULL here ('n').
         AND c.contype NOT IN ('p', 'f', 'n')
       UNION ALL
       SELECT t.relname, g.tgname, 'trigger'
       FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND NOT g.tgisinternal`,
      [MIGRATIONS_TABLE],
    );
    expect(extra.rows).toEqual([]);
  });
});
