/**
 * The plan a database chooses for the queries a piece of code sends: the code runs once through a
 * Kysely plugin that keeps each query, then each is explained with its own parameters (SQLite:
 * EXPLAIN QUERY PLAN, PostgreSQL: EXPLAIN). So the plan shown is the plan of the query as kpibot
 * sends it, not of a hand-copied one.
 */
import { CompiledQuery, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { Dialect } from '../store/index.js';

class QueryCatcher implements KyselyPlugin {
  readonly caught: PluginTransformQueryArgs[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.caught.push(args);
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The plan lines of every query `run` sends through `db`. */
export async function queryPlans<DB>(db: Kysely<DB>, dialect: Dialect, run: (db: Kysely<DB>) => Promise<unknown>): Promise<string[]> {
  const catcher = new QueryCatcher();
  await run(db.withPlugin(catcher));
  const lines: string[] = [];
  for (const { node, queryId } of catcher.caught) {
    const compiled = db.getExecutor().compileQuery(node, queryId);
    const explain = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
    for (const row of result.rows) {
      const detail = dialect === 'sqlite' ? row.detail : row['QUERY PLAN'];
      if (typeof detail === 'string') lines.push(detail);
    }
  }
  return lines;
}
