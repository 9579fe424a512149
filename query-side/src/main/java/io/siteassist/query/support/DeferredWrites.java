package io.siteassist.query.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSourceUtils;

/**
 * The statements a projection issues for one batch of events, sent to the database as JDBC batches
 * just before the batch commits, instead of one round trip per statement.
 *
 * <p>Every statement belongs to a chain (the row it keeps, say a conversation): a chain's
 * statements run in the order they were written, statements of different chains touch different
 * rows and may run side by side. The flush runs in rounds, the first statement of every chain, then
 * the second, and so on, each round one JDBC batch per distinct statement. A replay of many
 * conversations thus needs a handful of batches per event batch, where it needed a round trip per
 * event.
 *
 * <p>A statement's update count reaches its callback when its round has run; a callback may query
 * and may add to {@link Pending#beforeCommit} work, never new statements.
 *
 * <p>A flush that fails rolls its batch back, and the processor retries it. That retry, on the same
 * thread, and only that one, runs every statement at once, as the handler writes it: a poison event
 * then fails inside its own handler, where the dead-letter queue parks it, instead of failing the
 * whole batch again and again.
 *
 * <p>Outside a unit of work (a direct call, a test) every statement runs at once.
 */
public final class DeferredWrites {

  private final NamedParameterJdbcTemplate jdbc;

  private final String resourceKey;

  private final Set<Thread> writingAtOnce = ConcurrentHashMap.newKeySet();

  public DeferredWrites(NamedParameterJdbcTemplate jdbc, String name) {
    this.jdbc = jdbc;
    this.resourceKey = DeferredWrites.class.getName() + "." + name;
  }

  /** Runs the statement now, or queues it at the end of its chain in the current batch. */
  public void update(Object chain, String sql, Map<String, ?> params, IntConsumer onCount) {
    Pending pending = pending();
    if (pending == null || pending.atOnce) {
      onCount.accept(jdbc.update(sql, params));
      return;
    }
    pending
        .chains
        .computeIfAbsent(chain, c -> new ArrayDeque<>())
        .add(new Write(sql, params, onCount));
  }

  /**
   * The current batch's pending writes, or {@code null} outside a unit of work. Created with the
   * batch's first write; its flush, then its before-commit tasks, run in the batch's prepare-commit
   * phase.
   */
  public Pending pending() {
    if (!CurrentUnitOfWork.isStarted()) {
      return null;
    }
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    return batch.getOrComputeResource(resourceKey, key -> open(batch));
  }

  private Pending open(UnitOfWork<?> batch) {
    Thread thread = Thread.currentThread();
    Pending pending = new Pending(writingAtOnce.contains(thread));
    batch.onPrepareCommit(
        u -> {
          try {
            pending.flush();
          } catch (RuntimeException e) {
            writingAtOnce.add(thread);
            throw e;
          }
          pending.beforeCommit.forEach(Runnable::run);
        });
    if (pending.atOnce) {
      batch.afterCommit(u -> writingAtOnce.remove(thread));
    }
    return pending;
  }

  private record Write(String sql, Map<String, ?> params, IntConsumer onCount) {}

  /** One batch's queued statements and the work that must follow them before the commit. */
  public final class Pending {

    private final boolean atOnce;

    private final Map<Object, Deque<Write>> chains = new LinkedHashMap<>();

    private final List<Runnable> beforeCommit = new ArrayList<>();

    private Pending(boolean atOnce) {
      this.atOnce = atOnce;
    }

    /** Runs once the statements are written, in the order added, before the batch commits. */
    public void beforeCommit(Runnable task) {
      beforeCommit.add(task);
    }

    private void flush() {
      Collection<Deque<Write>> open = chains.values();
      while (!open.isEmpty()) {
        Map<String, List<Write>> round = new LinkedHashMap<>();
        open.removeIf(
            chain -> {
              Write next = chain.poll();
              round.computeIfAbsent(next.sql(), sql -> new ArrayList<>()).add(next);
              return chain.isEmpty();
            });
        round.forEach(this::run);
      }
    }

    private void run(String sql, List<Write> writes) {
      if (writes.size() == 1) {
        Write write = writes.get(0);
        write.onCount().accept(jdbc.update(sql, write.params()));
        return;
      }
      SqlParameterSource[] params =
          SqlParameterSourceUtils.createBatch(
              writes.stream().map(Write::params).toArray(Map[]::new));
      int[] counts = jdbc.batchUpdate(sql, params);
      for (int i = 0; i < writes.size(); i++) {
        if (counts[i] < 0) {
          throw new IllegalStateException(
              "The JDBC driver reported no update count for a batched statement; the projections"
                  + " need them (do not enable reWriteBatchedInserts): "
                  + sql);
        }
        writes.get(i).onCount().accept(counts[i]);
      }
    }
  }
}
