/**
 * What `/kpi digest` does with subscriptions, with the schedule maths where it belongs: the digest
 * checks the schedule and computes every `next_run_at`, then hands it to the store, which only
 * stores it.
 */
import { DigestSubscriptionNotFoundError } from '../store/digest-errors.js';
import type { DigestSubscriptionChanges, DigestSubscriptionsRepository, NewDigestSubscription } from '../store/digest-subscriptions-repository.js';
import { assertValidSchedule, nextRunAt } from './schedule.js';
import type { DigestSubscription } from './types.js';

export class DigestSubscriptions {
  readonly #repository: DigestSubscriptionsRepository;
  readonly #now: () => number;

  constructor(repository: DigestSubscriptionsRepository, options: { now?: () => number } = {}) {
    this.#repository = repository;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Saves an active subscription whose first slot is the next `weekday` `time` in `zone` after
   * now. Throws `DigestScheduleError` (one sentence for the user) for a bad weekday, time or zone.
   */
  async create(input: NewDigestSubscription): Promise<DigestSubscription> {
    assertValidSchedule(input);
    return this.#repository.create({ ...input, nextRunAt: nextRunAt(input, new Date(this.#now())) });
  }

  /**
   * Applies Edit. The next slot is recomputed from now when the weekday, time or zone change, and
   * kept otherwise (changing only the KPIs must not skip or repeat this week's run). Throws
   * `DigestSubscriptionNotFoundError` (e.g. removed meanwhile) and `DigestScheduleError`.
   */
  async update(id: string, changes: DigestSubscriptionChanges): Promise<DigestSubscription> {
    const current = await this.#repository.get(id);
    if (!current) throw new DigestSubscriptionNotFoundError(id);
    const schedule = { weekday: changes.weekday ?? current.weekday, time: changes.time ?? current.time, zone: changes.zone ?? current.zone };
    assertValidSchedule(schedule);
    const scheduleChanged = schedule.weekday !== current.weekday || schedule.time !== current.time || schedule.zone !== current.zone;
    return this.#repository.update(id, { ...changes, ...(scheduleChanged ? { nextRunAt: nextRunAt(schedule, new Date(this.#now())) } : {}) });
  }

  /**
   * Restarts the schedule from the next slot after now (slots missed while paused are not sent).
   * Throws `DigestSubscriptionNotFoundError`.
   */
  async resume(id: string): Promise<DigestSubscription> {
    const current = await this.#repository.get(id);
    if (!current) throw new DigestSubscriptionNotFoundError(id);
    return this.#repository.resume(id, nextRunAt(current, new Date(this.#now())));
  }

  get(id: string): Promise<DigestSubscription | undefined> {
    return this.#repository.get(id);
  }

  listByChannel(teamId: string, channelId: string): Promise<DigestSubscription[]> {
    return this.#repository.listByChannel(teamId, channelId);
  }

  /** `reason`: null when a person paused it; one sentence when kpibot did. */
  pause(id: string, reason: string | null = null): Promise<DigestSubscription> {
    return this.#repository.pause(id, reason);
  }

  remove(id: string): Promise<boolean> {
    return this.#repository.remove(id);
  }
}
