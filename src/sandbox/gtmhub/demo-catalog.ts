/**
 * What the demo account is made of: KPI templates a SaaS company would track, the groups and people
 * they belong to, and the insights some of them are computed by. `demo-data.ts` turns these into
 * KPIs and weekly history.
 */
export interface KpiTemplate {
  name: string;
  groups: string[];
  about: string;
  prefix?: string;
  suffix?: string;
  fractionSize: number;
  targetOperator: 'should_increase' | 'should_decrease';
  aggregation: 'last' | 'sum' | 'average';
  /** A typical weekly value. */
  typical: number;
  /** Relative weekly drift in the good direction (0.01 = 1 %). */
  drift: number;
  /** Relative weekly noise. */
  noise: number;
  min?: number;
  max?: number;
  insight?: string;
}

export const DEMO_GROUPS = ['Sales', 'Marketing', 'Product', 'Engineering', 'Support', 'Finance', 'Customer Success', 'People'];

export const DEMO_PEOPLE = [
  'Jane Doe',
  'Amélie Laurent',
  'Kenji Watanabe',
  'Priya Natarajan',
  'Lars Øberg',
  'Carlos Mendoza',
  'Fatima Zahra',
  "Tom O'Brien",
];

/** Insights by name; `churn-cohorts` is deliberately used by no KPI. */
export const DEMO_INSIGHTS: Record<string, string> = {
  'weekly-revenue': 'Weekly revenue',
  'signups-by-channel': 'Signups by channel',
  'pipeline-by-stage': 'Pipeline by stage',
  'weekly-active-users': 'Weekly active users',
  'churn-cohorts': 'Churn cohorts',
};

/** Regions that keep names unique once the templates run out: "Monthly recurring revenue — EMEA 17". */
export const DEMO_REGIONS = ['EMEA', 'APAC', 'NA', 'LATAM', 'DACH', 'Nordics', 'UK&I', 'France', 'Iberia', 'ANZ'];

/** Offsets teams post from, in Gtmhub's notation. */
export const DEMO_TIME_ZONES = ['UTC+0', 'UTC+1', 'UTC+2', 'UTC-5', 'UTC+5:30', 'UTC+9'];

const pct = { suffix: '%', min: 0, max: 100 };

export const KPI_TEMPLATES: KpiTemplate[] = [
  { name: 'Monthly recurring revenue', groups: ['Finance', 'Sales'], about: 'Recurring revenue of all paying accounts, normalised to a month.', prefix: '$', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'last', typical: 120_000, drift: 0.012, noise: 0.01, min: 0, insight: 'weekly-revenue' },
  { name: 'New signups', groups: ['Marketing'], about: 'Accounts created during the week, all channels.', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'sum', typical: 340, drift: 0.01, noise: 0.12, min: 0, insight: 'signups-by-channel' },
  { name: 'Churn rate', groups: ['Customer Success', 'Finance'], about: 'Share of paying accounts that cancelled.', ...pct, fractionSize: 1, targetOperator: 'should_decrease', aggregation: 'average', typical: 3.2, drift: 0.01, noise: 0.08 },
  { name: 'Net Promoter Score', groups: ['Customer Success'], about: 'NPS from the in-app survey, promoters minus detractors.', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'average', typical: 42, drift: 0.005, noise: 0.06, min: -100, max: 100 },
  { name: 'Support backlog', groups: ['Support'], about: 'Tickets open at the end of the week.', fractionSize: 0, targetOperator: 'should_decrease', aggregation: 'last', typical: 85, drift: 0.01, noise: 0.1, min: 0 },
  { name: 'Uptime', groups: ['Engineering'], about: 'Availability of the public API, from the status page.', ...pct, fractionSize: 2, targetOperator: 'should_increase', aggregation: 'average', typical: 99.95, drift: 0, noise: 0.0004 },
  { name: 'Customer acquisition cost', groups: ['Marketing', 'Finance'], about: 'Sales and marketing spend per new customer.', prefix: '$', fractionSize: 0, targetOperator: 'should_decrease', aggregation: 'average', typical: 410, drift: 0.005, noise: 0.05, min: 0 },
  { name: 'Average revenue per user', groups: ['Finance'], about: 'MRR divided by paying accounts.', prefix: '$', fractionSize: 2, targetOperator: 'should_increase', aggregation: 'average', typical: 58.4, drift: 0.004, noise: 0.02, min: 0, insight: 'weekly-revenue' },
  { name: 'Activation rate', groups: ['Product'], about: 'Share of new accounts that reach the first dashboard within 7 days.', ...pct, fractionSize: 1, targetOperator: 'should_increase', aggregation: 'average', typical: 37.5, drift: 0.006, noise: 0.04, insight: 'signups-by-channel' },
  { name: 'Deploys per week', groups: ['Engineering'], about: 'Production deploys, all services.', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'sum', typical: 24, drift: 0.01, noise: 0.2, min: 0 },
  { name: 'Open incidents', groups: ['Engineering', 'Support'], about: 'Incidents not yet resolved at the end of the week.', fractionSize: 0, targetOperator: 'should_decrease', aggregation: 'last', typical: 3, drift: 0.02, noise: 0.4, min: 0 },
  { name: 'Satisfaction café', groups: ['People'], about: 'How the office café is rated in the weekly pulse.', ...pct, fractionSize: 0, targetOperator: 'should_increase', aggregation: 'average', typical: 88, drift: 0.002, noise: 0.03 },
  { name: 'Réunions clients', groups: ['Sales', 'Customer Success'], about: 'Customer meetings held (visits and calls).', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'sum', typical: 16, drift: 0.01, noise: 0.2, min: 0 },
  { name: 'Pipeline value', groups: ['Sales'], about: 'Value of open opportunities, weighted by stage.', prefix: '$', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'last', typical: 950_000, drift: 0.01, noise: 0.05, min: 0, insight: 'pipeline-by-stage' },
  { name: 'Win rate', groups: ['Sales'], about: 'Closed-won over closed opportunities.', ...pct, fractionSize: 1, targetOperator: 'should_increase', aggregation: 'average', typical: 24, drift: 0.004, noise: 0.06 },
  { name: 'Website visitors', groups: ['Marketing'], about: 'Unique visitors of the marketing site.', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'sum', typical: 18_000, drift: 0.008, noise: 0.1, min: 0 },
  { name: 'Trial-to-paid conversion', groups: ['Product', 'Sales'], about: 'Trials that became paying accounts.', ...pct, fractionSize: 1, targetOperator: 'should_increase', aggregation: 'average', typical: 14.2, drift: 0.005, noise: 0.05 },
  { name: 'Weekly active users', groups: ['Product'], about: 'Users with at least one session during the week.', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'last', typical: 5_400, drift: 0.01, noise: 0.04, min: 0, insight: 'weekly-active-users' },
  { name: 'Mean time to recovery', groups: ['Engineering'], about: 'From alert to resolution, averaged over incidents.', suffix: ' min', fractionSize: 0, targetOperator: 'should_decrease', aggregation: 'average', typical: 48, drift: 0.01, noise: 0.15, min: 1 },
  { name: 'First response time', groups: ['Support'], about: 'Median time to the first human answer.', suffix: ' h', fractionSize: 1, targetOperator: 'should_decrease', aggregation: 'average', typical: 4.5, drift: 0.01, noise: 0.1, min: 0.1 },
  { name: 'Burn rate', groups: ['Finance'], about: 'Net cash spent per month.', prefix: '€', fractionSize: 0, targetOperator: 'should_decrease', aggregation: 'last', typical: 210_000, drift: 0.005, noise: 0.03, min: 0 },
  { name: 'Employee NPS', groups: ['People'], about: 'eNPS from the quarterly engagement survey, tracked weekly.', fractionSize: 0, targetOperator: 'should_increase', aggregation: 'average', typical: 31, drift: 0.004, noise: 0.05, min: -100, max: 100 },
  { name: 'Open positions', groups: ['People'], about: 'Approved roles not yet filled.', fractionSize: 0, targetOperator: 'should_decrease', aggregation: 'last', typical: 12, drift: 0.01, noise: 0.1, min: 0 },
  { name: 'Cash runway', groups: ['Finance'], about: 'Months of runway at the current burn rate.', suffix: ' months', fractionSize: 1, targetOperator: 'should_increase', aggregation: 'last', typical: 18, drift: 0.003, noise: 0.02, min: 0 },
];
