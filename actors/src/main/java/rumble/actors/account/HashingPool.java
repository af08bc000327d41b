package rumble.actors.account;

import com.typesafe.config.Config;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run bcrypt, and nothing else (issue 8, Why 3). bcrypt is deliberately slow, so a
 * burst of logins or registrations used to fill the pool every JDBC call and the readiness probe
 * shared, and the node reported its database down. Here it has at most as many threads as cores and
 * a bounded queue; when that is full {@link #execute} refuses at once (the client hears "Server busy")
 * instead of queueing work nobody will wait for. Pekko's dispatchers cannot do this: their
 * rejection handler runs the task on the caller's thread, which would be an actor's.
 */
public final class HashingPool implements Executor {

  private final ThreadPoolExecutor executor;

  public HashingPool(int threads, int queueSize) {
    AtomicInteger count = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueSize), task -> {
          Thread thread = new Thread(task, "rumble-hashing-" + count.incrementAndGet());
          thread.setDaemon(true); // never holds the JVM open after the actor system stopped
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /** From {@code rumble.accounts.hashing}: {@code threads = 0} means half the cores, at least one. */
  public static HashingPool fromConfig(Config hashing) {
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = hashing.getInt("threads");
    threads = threads <= 0 ? Math.max(1, cores / 2) : Math.min(threads, cores);
    return new HashingPool(threads, hashing.getInt("queue-size"));
  }

  /** Runs the task on a hashing thread; throws {@link RejectedExecutionException} when the queue is full. */
  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  /** Hashes waiting for a thread. */
  public int queued() {
    return executor.getQueue().size();
  }

  public void shutdown() {
    executor.shutdownNow();
  }
}
