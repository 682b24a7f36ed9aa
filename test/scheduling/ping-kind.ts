/**
 * A second kind of scheduled work, for tests only: hourly "pings" kept in memory, each posted to
 * its channel once per slot. It supplies only what a kind must (due query, claim key, build,
 * render, sentences); claims, leases, retries, pacing and failure handling are the core's.
 */
import type { Attention, ScheduledKind } from '../../src/scheduling/kind.js';
import type { SlackMessage } from '../../src/slack/scheduling/slack-post-port.js';

export interface Ping {
  id: string;
  channelId: string;
  nextRunAt: Date;
  paused?: string;
}

const HOUR_MS = 3_600_000;

const attention: Attention = {
  pausedReason: (code, lane) => `ping to ${lane} paused (${code})`,
  ownerNotice: (code, lane) => `your ping to ${lane} was paused (${code})`,
  tokenRefusedLogLine: (code, workspace) => `token refused (${code}) for ${workspace}`,
  tokenRefused: (code) => `token refused (${code})`,
  rateLimited: () => 'rate limited',
  refused: (code) => `refused (${code})`,
  unknownOutcome: () => 'unknown outcome',
  notBuilt: () => 'not built',
};

/**
 * The kind over `pings`, shared by every engine of a test (as a table would be); `builds` counts
 * build calls; `page`: the due query answers at most this many (as the digests' answers 500).
 */
export function pingKind(pings: Map<string, Ping>, builds: { count: number } = { count: 0 }, page = Infinity): ScheduledKind<Ping, string, SlackMessage> {
  return {
    name: 'ping',
    listDue: async (at, after) =>
      [...pings.values()]
        .filter((p) => !p.paused && p.nextRunAt <= at)
        .filter((p) => after === undefined || p.nextRunAt > after.slot || (p.nextRunAt.getTime() === after.slot.getTime() && p.id > after.id))
        .sort((a, b) => a.nextRunAt.getTime() - b.nextRunAt.getTime() || (a.id < b.id ? -1 : 1))
        .slice(0, page),
    get: async (id) => pings.get(id),
    subjectOf: (p) => ({ id: p.id, lane: p.channelId, workspace: 'T0SANDBOX', ownerUserId: 'U0SANDBOX' }),
    slotOf: (p) => p.nextRunAt,
    nextSlot: (_p, after) => new Date(Math.floor(after.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS),
    // Compare-and-set, as the digest subscriptions' `advance` does in SQL.
    advance: async (p, from, to) => {
      const current = pings.get(p.id);
      if (current?.nextRunAt.getTime() !== from.getTime()) return false;
      current.nextRunAt = to;
      return true;
    },
    claimKey: (p, slot) => `${p.id}/${slot.toISOString()}`,
    messageKey: (p, slot) => ({ eventType: 'kpibot_test_ping', fields: { ping: p.id, slot: slot.toISOString() } }),
    build: async (subjects, slot) => {
      builds.count += 1;
      return new Map(subjects.map((p) => [p.id, `ping ${p.id} for ${slot.toISOString()}`]));
    },
    render: (text) => ({ kind: 'post', messages: [{ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] }] }),
    pause: async (p, reason) => {
      const current = pings.get(p.id);
      if (current) current.paused = reason;
    },
    attention,
  };
}
