/**
 * The layering, as rules `npm test` enforces (npm run deps). README "How it is built" explains them.
 * Type-only imports count (tsPreCompilationDeps), so a cycle through `import type` fails too.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const DOMAIN = '^src/(kpis|scheduling|digests|checkins|alerts|people|favorites|personal-tokens|time|store|charts)/';

module.exports = {
  forbidden: [
    {
      name: 'gtmhub-stands-alone',
      comment: 'src/gtmhub is the standalone Gtmhub API module: it imports nothing of kpibot outside itself.',
      severity: 'error',
      from: { path: '^src/gtmhub/' },
      to: { path: '^src/', pathNot: '^src/gtmhub/' },
    },
    {
      name: 'domain-knows-no-slack',
      comment: 'The domain (KPIs, scheduling, digests, check-ins, alerts, people, time, store) never imports Slack.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: ['^src/slack/', '(^|/)node_modules/@slack/'] },
    },
    {
      name: 'views-do-no-io',
      comment: 'Views are pure functions: no store, no Gtmhub client, no network, database or file system.',
      severity: 'error',
      from: { path: '^src/slack/views/' },
      to: {
        path: [
          '^src/store/',
          '^src/gtmhub/(client|transport|batch|retry|index)\\.ts$',
          '(^|/)node_modules/(undici|pg|better-sqlite3|kysely|@slack/bolt|@slack/web-api)/',
          '^(node:)?(fs|fs/promises|net|http|https|child_process)$',
        ],
      },
    },
    {
      name: 'production-skips-sandbox-and-bench',
      comment: 'Production code never imports the simulators, the workbench or the benchmarks.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(sandbox|bench)/' },
      to: { path: '^src/(sandbox|bench)/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycle, type-only imports included.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
