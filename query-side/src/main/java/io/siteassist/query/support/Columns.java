package io.siteassist.query.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The 1-based positions of the columns of a SELECT list, worked out once from the list the
 * statement is built from. Reading a result set by position skips the driver's lookup by name: H2
 * builds a map of all of a result set's labels (upper-cased, with their table names) for every
 * statement, and upper-cases the name again on every read, 5 % of the CPU of a GET conversation
 * (async-profiler).
 */
public final class Columns {

  private final Map<String, Integer> positions;

  private final int last;

  private Columns(Map<String, Integer> positions, int last) {
    this.positions = positions;
    this.last = last;
  }

  /** The columns of a comma-separated list, from position 1. */
  public static Columns of(String list) {
    return new Columns(Map.of(), 0).then(list);
  }

  /** The columns of a comma-separated list that follows this one in the same SELECT. */
  public Columns then(String list) {
    Map<String, Integer> next = new HashMap<>();
    int position = last;
    for (String column : list.split(",")) {
      String name = column.trim();
      if (name.isEmpty() || next.putIfAbsent(name, ++position) != null) {
        throw new IllegalArgumentException("not a list of distinct columns: " + list);
      }
    }
    return new Columns(Map.copyOf(next), position);
  }

  /** The position of a column of this list. */
  public int at(String name) {
    Integer position = positions.get(name);
    if (position == null) {
      throw new IllegalArgumentException("no column " + name + " in " + positions.keySet());
    }
    return position;
  }
}
