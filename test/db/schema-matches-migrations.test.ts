// The migrations are hand-applied SQL (see src/db/migrator.ts); this proves the database they
// produce is the one schema.prisma describes, so the Prisma client and the tables cannot drift.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

interface SchemaField { column: string; type: string; optional: boolean; list: boolean; dbType?: string }
interface SchemaModel { name: string; table: string; fields: SchemaField[]; uniques: string[][] }

const SCALARS: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp without time zone',
  Float: 'double precision',
  Json: 'jsonb',
};

/** information_schema's data_type to the udt_name of the same type, as array element types are named. */
const UDT_NAMES: Record<string, string> = { text: 'text', integer: 'int4', bigint: 'int8', boolean: 'bool', 'double precision': 'float8', jsonb: 'jsonb', uuid: 'uuid' };

function parseSchema(text: string) {
  const enums = new Map<string, string[]>();
  const models: SchemaModel[] = [];
  for (const [, name, body] of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(name!, body!.split('\n').map((l) => l.replace(/\/\/.*/, '').trim()).filter(Boolean));
  }
  const modelNames = new Set([...text.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!));
  for (const [, name, body] of text.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    const lines = body!.split('\n').map((l) => l.replace(/\/\/.*/, '').trim()).filter(Boolean);
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    const fields: SchemaField[] = [];
    const columnOf = new Map<string, string>();
    for (const line of lines.filter((l) => !l.startsWith('@@'))) {
      const [fieldName, rawType] = line.split(/\s+/);
      const type = rawType!.replace(/[?[\]]/g, '');
      if (modelNames.has(type)) continue; // relation field, no column
      const column = /@map\("([^"]+)"\)/.exec(line)?.[1] ?? fieldName!;
      columnOf.set(fieldName!, column);
      fields.push({ column, type, optional: rawType!.endsWith('?'), list: rawType!.endsWith('[]'), dbType: /@db\.(\w+)/.exec(line)?.[1] });
    }
    const uniques = [...body!.matchAll(/@@unique\(\[([^\]]+)\]\)/g)].map((m) => m[1]!.split(',').map((f) => columnOf.get(f.trim())!));
    models.push({ name: name!, table, fields, uniques });
  }
  return { enums, models };
}

describe('schema.prisma and the migrated database', () => {
  let db: TestDatabase;
  const schema = parseSchema(readFileSync(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8'));
  before(async () => {
    db = await createTestDatabase();
  });
  after(() => db.drop());

  it('parses a plausible schema (so this test cannot pass vacuously)', () => {
    assert.ok(schema.models.length >= 2);
    assert.ok(schema.models.find((m) => m.table === 'invites')!.fields.length > 20);
  });

  it('has every enum with exactly its values', async () => {
    for (const [name, values] of schema.enums) {
      const rows = await db.query<{ label: string }>(
        'SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder',
        [name],
      );
      assert.deepEqual(rows.map((r) => r.label), values, `enum ${name}`);
    }
  });

  it('has every model as a table with every field, type and nullability, and nothing else', async () => {
    for (const model of schema.models) {
      const columns = await db.query<{ column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
        "SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        [model.table],
      );
      assert.ok(columns.length > 0, `table ${model.table} exists`);
      const byName = new Map(columns.map((c) => [c.column_name, c]));
      for (const field of model.fields) {
        const column = byName.get(field.column);
        assert.ok(column, `${model.table}.${field.column} exists`);
        const scalar = schema.enums.has(field.type)
          ? `USER-DEFINED:${field.type}`
          : field.dbType === 'Uuid'
            ? 'uuid'
            : field.dbType === 'Timestamptz'
              ? 'timestamp with time zone'
              : SCALARS[field.type];
        // A list (String[]) is an ARRAY column whose element type udt_name names with a leading '_'.
        const expected = field.list ? `ARRAY:${UDT_NAMES[scalar!] ?? scalar}` : scalar;
        const actual =
          column.data_type === 'USER-DEFINED' ? `USER-DEFINED:${column.udt_name}` : column.data_type === 'ARRAY' ? `ARRAY:${column.udt_name.slice(1)}` : column.data_type;
        assert.equal(actual, expected, `${model.table}.${field.column} type`);
        // Prisma cannot mark a list optional, so a list column's NOT NULL is the migration's own choice.
        if (!field.list) assert.equal(column.is_nullable === 'YES', field.optional, `${model.table}.${field.column} nullability`);
      }
      assert.deepEqual(
        columns.map((c) => c.column_name).sort(),
        model.fields.map((f) => f.column).sort(),
        `${model.table} has no columns the schema lacks`,
      );
    }
  });

  it('has every @@unique as a unique index', async () => {
    for (const model of schema.models) {
      const indexes = await db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE 'CREATE UNIQUE%'", [model.table]);
      for (const columns of model.uniques) {
        const wanted = `(${columns.map((c) => c).join(', ')})`;
        assert.ok(indexes.some((i) => i.indexdef.endsWith(wanted)), `${model.table} unique ${wanted}`);
      }
    }
  });
});
