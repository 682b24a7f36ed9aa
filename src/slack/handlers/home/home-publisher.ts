/**
 * Publishes one user's Home tab at a time: a toggle and a logged value in quick succession must not
 * race two `views.publish` calls whose older content could land last. A request that arrives while
 * a publish runs makes one more publish afterwards, with the state as it is then (and its notice,
 * if it brought one).
 */
export class HomePublisher {
  readonly #running = new Map<string, { again: boolean; notice: string | undefined }>();

  /** Runs `publish` now, or once more after the one in flight for `key`; `notice` goes on top of that publish. */
  async run(key: string, publish: (notice: string | undefined) => Promise<void>, notice?: string): Promise<void> {
    const running = this.#running.get(key);
    if (running) {
      running.again = true;
      running.notice = notice ?? running.notice;
      return;
    }
    const state = { again: true, notice };
    this.#running.set(key, state);
    try {
      while (state.again) {
        state.again = false;
        const next = state.notice;
        state.notice = undefined;
        await publish(next);
      }
    } finally {
      this.#running.delete(key);
    }
  }
}
