/**
 * An alert rule in words, for the alert message and `/kpi alert list`: what it watches and its
 * condition in the KPI's own units ("above $1.2K", "changed by more than 10% either way"). Pure.
 */
import type { AlertCondition } from '../../../alerts/types.js';
import type { KpiFormatting } from '../../../gtmhub/types.js';
import { formatKpiValue } from '../../../kpis/format.js';

/** The condition, after the KPI's name: "went above $1.2K". `formatting`: the KPI's (a group: none). */
export function conditionText(condition: AlertCondition, formatting: KpiFormatting | undefined): string {
  switch (condition.kind) {
    case 'above':
      return `went above ${formatKpiValue(condition.threshold, formatting)}`;
    case 'below':
      return `went below ${formatKpiValue(condition.threshold, formatting)}`;
    case 'changed': {
      const by = condition.unit === 'percent' ? `${condition.by}%` : formatKpiValue(condition.by, formatting);
      return `changed by more than ${by} against the week before${condition.direction === 'bad' ? ', the wrong way for its target' : ''}`;
    }
    case 'wrong_way':
      return condition.periods === 1 ? 'went the wrong way for its target' : `went the wrong way for its target ${condition.periods} weeks in a row`;
  }
}
