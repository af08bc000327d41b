package rumble.actors.room;

/**
 * A room's step clock: deadline scheduling with bounded catch-up. Steps are due every
 * {@code periodNanos} from the start, counted against the clock the room reads (not the timer's
 * own count, which drifts with every late wakeup); a wakeup runs the steps that are due, at most
 * {@code maxCatchUp} of them, and the rest are skipped for good. So a room that was late (a GC
 * pause, a busy machine) catches up a little and then skips rather than bursting. Owned by one
 * {@link Room}; not thread-safe.
 */
final class TickSchedule {

  private final long periodNanos;
  private final int maxCatchUp;
  private final long startNanos;
  private long stepsScheduled;
  private long skippedNow;

  TickSchedule(long periodNanos, int maxCatchUp, long startNanos) {
    this.periodNanos = periodNanos;
    this.maxCatchUp = maxCatchUp;
    this.startNanos = startNanos;
  }

  /** The steps to run now; those beyond the catch-up bound are skipped ({@link #skippedNow()}). */
  int stepsDue(long nowNanos) {
    long due = (nowNanos - startNanos) / periodNanos - stepsScheduled;
    skippedNow = Math.max(0, due - maxCatchUp);
    due -= skippedNow;
    stepsScheduled += due + skippedNow;
    return (int) Math.max(0, due);
  }

  /** How many steps the last {@link #stepsDue} call skipped. */
  long skippedNow() {
    return skippedNow;
  }
}
