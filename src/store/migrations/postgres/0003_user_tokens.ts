/**
 * Personal Gtmhub tokens (/kpi connect), PostgreSQL flavour. Frozen in time: `Kysely<any>`, not `Database`.
 * `encrypted_token` is `v1:<iv>:<ciphertext>:<tag>` (see `token-cipher.ts`), never the token itself.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const byteOrder = sql`collate "C"`;
  await db.schema
    .createTable('user_tokens')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('encrypted_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.modifyFront(byteOrder).notNull())
    .addColumn('updated_at', 'text', (col) => col.modifyFront(byteOrder).notNull())
    .addPrimaryKeyConstraint('user_tokens_pk', ['team_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_tokens').execute();
}
