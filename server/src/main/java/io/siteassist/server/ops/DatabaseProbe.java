package io.siteassist.server.ops;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Whether the application database answers right now (a connection that validates in 1 s). */
@Component
public class DatabaseProbe {

  private final DataSource dataSource;

  DatabaseProbe(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public boolean reachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }
}
