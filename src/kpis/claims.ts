/**
 * Keys claimed in memory by work that must happen once, e.g. the Slack view whose submission
 * creates a KPI: a second delivery of the same submission (a proxy retrying the request, a double
 * click racing the ack) finds its key taken. Bounded, oldest forgotten first. In memory because a
 * duplicate arrives within seconds of the original, on the same instance that is still working on it.
 */
export class Claims {
  private readonly keys = new Set<string>();

  constructor(private readonly max = 10_000) {}

  /** True when `key` was free and is now claimed; false when someone holds it. */
  claim(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.max) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    return true;
  }

  /** Frees `key` after work that definitely did not happen (refused), so the user may try again. */
  release(key: string): void {
    this.keys.delete(key);
  }
}
