/**
 * A workspace's manual links, read from the store and kept for a short while: every card, details
 * and digest names owners, and a database read per owner would be wasteful. The replica that links
 * or unlinks forgets at once (`forget`); another replica sees the change within `maxAgeMs`.
 */
import type { PeopleLink, PeopleLinksSource } from './ports.js';

/** As personal tokens: another replica follows a change within 30 s. */
export const LINKS_MAX_AGE_MS = 30_000;

export class LinksCache {
  readonly #byTeam = new Map<string, { links: Promise<readonly PeopleLink[]>; readAt: number }>();

  constructor(
    private readonly source: PeopleLinksSource,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = LINKS_MAX_AGE_MS,
  ) {}

  linksOf(teamId: string): Promise<readonly PeopleLink[]> {
    const cached = this.#byTeam.get(teamId);
    if (cached !== undefined && this.now() - cached.readAt < this.maxAgeMs) return cached.links;
    const links = this.source.listLinks(teamId);
    const entry = { links, readAt: this.now() };
    this.#byTeam.set(teamId, entry);
    // A failed read is not kept: the next request asks the store again.
    links.catch(() => {
      if (this.#byTeam.get(teamId) === entry) this.#byTeam.delete(teamId);
    });
    return links;
  }

  /** After a link or unlink: the next lookup reads the store. */
  forget(teamId: string): void {
    this.#byTeam.delete(teamId);
  }
}
