import type { ActionsBlock, Button } from '@slack/types';
import type { Kpi } from '../../gtmhub/types.js';
import { KpiAdminIds } from '../ids.js';
import { button, clip, plain } from './blocks.js';

/**
 * *Edit* and *Delete* for the details card of users who may administer KPIs. Delete asks first, in
 * Slack's own confirm dialog, and says what goes with the KPI: every value recorded for it.
 */
export function kpiAdminActions(kpi: Pick<Kpi, 'id' | 'name'>): ActionsBlock['elements'] {
  const remove: Button = {
    ...button('Delete', KpiAdminIds.deleteButton, kpi.id, 'danger'),
    // Confirm dialog limits: title 100, text 300, buttons 30 characters.
    confirm: {
      title: plain('Delete this KPI?', 100),
      text: plain(`“${clip(kpi.name, 120)}” will be deleted from Gtmhub together with its snapshots (every value recorded for it). This cannot be undone.`, 300),
      confirm: plain('Delete', 30),
      deny: plain('Keep it', 30),
      style: 'danger',
    },
  };
  return [button('Edit', KpiAdminIds.editButton, kpi.id), remove];
}
