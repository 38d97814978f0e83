/** One pending call, run `ms` after the last schedule (each schedule restarts the wait), or at once by flush. */
export class Debouncer {
  private timer: unknown = null;
  private pending: (() => void) | null = null;

  constructor(
    private ms: number,
    private timers: { set: (fn: () => void, ms: number) => unknown; clear: (t: unknown) => void } = {
      set: (fn, t) => globalThis.setTimeout(fn, t),
      clear: (t) => globalThis.clearTimeout(t as ReturnType<typeof setTimeout>),
    },
  ) {}

  schedule(fn: () => void) {
    this.cancel();
    this.pending = fn;
    this.timer = this.timers.set(() => this.flush(), this.ms);
  }

  /** Runs the pending call now, if any. */
  flush() {
    const fn = this.pending;
    this.cancel();
    fn?.();
  }

  cancel() {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.pending = null;
  }

  get isPending(): boolean {
    return this.pending !== null;
  }
}
