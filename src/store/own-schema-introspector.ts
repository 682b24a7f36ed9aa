/**
 * PostgreSQL introspection confined to the connection's own schema (`current_schema()`).
 *
 * Kysely's Migrator asks the introspector whether its two tables exist on every start, and
 * Kysely's own PostgreSQL introspector answers by listing every table of every schema in the
 * database, calling `has_schema_privilege(name, …)` and `pg_get_serial_sequence(name, …)` per row.
 * Those functions look the name up again after the catalog scan: a schema or table that another
 * session drops meanwhile makes the whole query fail (3F000 "schema … does not exist", 42P01).
 * kpibot lives in one schema, so it looks at that one only, and reads everything by OID (which
 * never fails on a concurrent drop). Two kpibot instances in different schemas of one database —
 * or two test runs creating and dropping schemas — then cannot break each other's start.
 */
import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  PostgresDialect,
  PostgresIntrospector,
  sql,
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import { StoreConfigError } from './errors.js';

/** `PostgresDialect` whose `db.introspection` (and so the Migrator) sees only the current schema. */
export class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db);
  }
}

/** One row per column of every table and view in `current_schema()`. */
interface ColumnRow {
  table: string;
  kind: string;
  column: string;
  type: string;
  typeSchema: string;
  notNull: boolean;
  hasDefault: boolean;
  autoIncrementing: boolean;
  comment: string | null;
}

export class OwnSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<any>;
  readonly #schemas: PostgresIntrospector;

  constructor(db: Kysely<any>) {
    this.#db = db;
    // Listing schema names reads pg_namespace alone: nothing in it can fail on a concurrent drop.
    this.#schemas = new PostgresIntrospector(db);
  }

  getSchemas(): Promise<SchemaMetadata[]> {
    return this.#schemas.getSchemas();
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const { rows } = await sql<Record<string, unknown>>`
      select
        current_schema() as "schema",
        c.relname as "table",
        c.relkind as "kind",
        a.attname as "column",
        t.typname as "type",
        tn.nspname as "typeSchema",
        a.attnotnull as "notNull",
        a.atthasdef as "hasDefault",
        (a.attidentity <> '' or coalesce(pg_get_expr(d.adbin, d.adrelid) like 'nextval(%', false)) as "autoIncrementing",
        col_description(a.attrelid, a.attnum) as "comment"
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid
      join pg_catalog.pg_type t on t.oid = a.atttypid
      join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
      left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = current_schema()
        and c.relkind in ('r', 'v', 'p')
        and a.attnum > 0
        and not a.attisdropped
      order by c.relname, a.attnum`.execute(this.#db);
    const internal = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);
    const tables = new Map<string, { name: string; schema: string; isView: boolean; columns: ColumnMetadata[] }>();
    for (const raw of rows) {
      const { schema, row } = parseColumnRow(raw);
      if (!options.withInternalKyselyTables && internal.has(row.table)) continue;
      let table = tables.get(row.table);
      if (!table) {
        table = { name: row.table, schema, isView: row.kind === 'v', columns: [] };
        tables.set(row.table, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.typeSchema,
        isNullable: !row.notNull,
        isAutoIncrementing: row.autoIncrementing,
        hasDefaultValue: row.hasDefault,
        ...(row.comment !== null ? { comment: row.comment } : {}),
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

function parseColumnRow(raw: Record<string, unknown>): { schema: string; row: ColumnRow } {
  const text = (key: string): string => {
    const value = raw[key];
    if (typeof value !== 'string') throw new StoreConfigError(`PostgreSQL's catalog gave a non-text ${key} (${typeof value}).`);
    return value;
  };
  const flag = (key: string): boolean => {
    const value = raw[key];
    if (typeof value !== 'boolean') throw new StoreConfigError(`PostgreSQL's catalog gave a non-boolean ${key} (${typeof value}).`);
    return value;
  };
  const comment = raw.comment;
  return {
    schema: text('schema'),
    row: {
      table: text('table'),
      kind: text('kind'),
      column: text('column'),
      type: text('type'),
      typeSchema: text('typeSchema'),
      notNull: flag('notNull'),
      hasDefault: flag('hasDefault'),
      autoIncrementing: flag('autoIncrementing'),
      comment: typeof comment === 'string' ? comment : null,
    },
  };
}
