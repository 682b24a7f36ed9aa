/**
 * Charts already uploaded, by content hash and destination, so a repeated lookup (the same KPI
 * shown again to the same person, a digest re-sent to the same channel) references the file
 * Slack already has instead of uploading it again. Bounded: the least recently used entry goes
 * first. An entry holds the upload's promise, so two lookups at once share one upload; a failed
 * upload is forgotten so the next lookup tries again.
 */
export class UploadCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string): Promise<T> | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, value: Promise<T>): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
