package io.siteassist.server.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * How a tracking processor reads the next events when its token still waits for gaps (global
 * indexes of transactions not yet committed, or rolled back). Axon's statement asks for {@code
 * (index > ? AND index <= ?) OR index IN (gaps)}, and H2 answers that by walking the whole event
 * table, so every read grew with the store (29 sends/s at 200 000 events). A {@code UNION ALL} of
 * the two conditions lets H2 and PostgreSQL each look both parts up in the primary key. The parts
 * never overlap: every gap lies below the token's index.
 */
final class GapReads {

  private GapReads() {}

  static PreparedStatement readEventDataWithGaps(
      Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
      throws SQLException {
    String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable();
    String index = schema.globalIndexColumn();
    String sql =
        select
            + " WHERE "
            + index
            + " > ? AND "
            + index
            + " <= ? UNION ALL "
            + select
            + " WHERE "
            + index
            + " IN ("
            + String.join(",", Collections.nCopies(gaps.size(), "?"))
            + ") ORDER BY "
            + index
            + " ASC";
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setLong(1, globalIndex);
    statement.setLong(2, globalIndex + batchSize);
    for (int i = 0; i < gaps.size(); i++) {
      statement.setLong(i + 3, gaps.get(i));
    }
    return statement;
  }
}
