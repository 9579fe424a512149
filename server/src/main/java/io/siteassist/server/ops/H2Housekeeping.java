package io.siteassist.server.ops;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file compact. {@code WRITE_DELAY=0} writes every commit to the file before
 * the commit returns (a killed process loses no acknowledged write), and it also keeps H2 from
 * starting its background writer, the only thread that ever compacts the file: every commit then
 * appended a new chunk, and the file grew by gigabytes a minute under load while each commit spent
 * longer looking for free space (620 µs of CPU per commit rising to 1 000, against 340 steady with
 * this housekeeping, in a load test of H2 2.3.232).
 *
 * <p>So this runs H2's own background step, {@code FileStore.writeInBackground()} (commit whatever
 * is pending, then H2's housekeeping: free dead chunks, rewrite sparse ones), every 50 ms as H2's
 * own writer thread would, and lets dead chunks be reused at once ({@code RETENTION_TIME} 0: no
 * open transaction loses a chunk it still reads, and with no fsync per commit there is no
 * power-loss guarantee that the retention could protect). The step is package-private in H2 and is
 * called by reflection; should a new H2 lack it, the service says so at start and runs without.
 */
@Component
class H2Housekeeping implements SmartInitializingSingleton, DisposableBean {

  static final Duration INTERVAL = Duration.ofMillis(50);

  private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

  private final DataSource dataSource;

  private volatile ScheduledExecutorService executor;

  H2Housekeeping(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void afterSingletonsInstantiated() {
    MVStore store = unattendedFileStore();
    if (store == null) {
      return;
    }
    Method step;
    try {
      step = FileStore.class.getDeclaredMethod("writeInBackground");
      step.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      log.warn(
          "This H2 version has no FileStore.writeInBackground(): the embedded database file is not"
              + " compacted while the service runs and will grow under load ({})",
          e.toString());
      return;
    }
    store.setRetentionTime(0);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "h2-housekeeping");
              thread.setDaemon(true);
              return thread;
            });
    FileStore<?> file = store.getFileStore();
    scheduler.scheduleWithFixedDelay(
        () -> run(step, file), INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    executor = scheduler;
    log.info("H2 housekeeping every {} ms for {}", INTERVAL.toMillis(), file.getFileName());
  }

  /** Whether the housekeeping runs (an H2 file database without H2's own background writer). */
  boolean isActive() {
    return executor != null;
  }

  @Override
  public void destroy() {
    ScheduledExecutorService scheduler = executor;
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void run(Method step, FileStore<?> file) {
    try {
      step.invoke(file);
    } catch (InvocationTargetException e) {
      // H2 handles its own failures in this step (a closed store, say) and rethrows only what it
      // cannot: the next run tries again, as H2's own writer thread would
      log.warn("H2 housekeeping failed: {}", e.getCause().toString());
    } catch (IllegalAccessException | RuntimeException e) {
      log.warn("H2 housekeeping failed: {}", e.toString());
    }
  }

  /**
   * The store of an H2 file database opened in this process whose commits are written at once,
   * which therefore has no background writer; {@code null} for any other database.
   */
  private MVStore unattendedFileStore() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isWrapperFor(JdbcConnection.class)
          || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
          || session.getDatabase().getStore() == null) {
        return null;
      }
      MVStore store = session.getDatabase().getStore().getMvStore();
      return store.getFileStore() != null && store.getAutoCommitDelay() == 0 ? store : null;
    } catch (SQLException | RuntimeException e) {
      log.warn("Could not inspect the database for H2 housekeeping: {}", e.toString());
      return null;
    }
  }
}
