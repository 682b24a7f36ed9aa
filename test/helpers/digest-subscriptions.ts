/**
 * A weekly digest subscription as the end-to-end suites create it directly (without the form):
 * Mondays 09:00 in Berlin, by the sandbox user, of the KPIs given, listing what was not updated.
 */
import type { NewDigestSubscription } from '../../src/store/index.js';

export function aDigestSubscription(channelId: string, kpiIds: readonly string[], overrides: Partial<NewDigestSubscription> = {}): NewDigestSubscription {
  return {
    teamId: 'T0SANDBOX',
    channelId,
    ownerUserId: 'U0SANDBOX',
    selection: { kind: 'kpis', kpiIds: [...kpiIds] },
    weekday: 1,
    time: '09:00',
    zone: 'Europe/Berlin',
    skipWhenUnchanged: false,
    listNotUpdated: true,
    ...overrides,
  };
}
