package io.siteassist.server.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per call: on the server named by {@code SITEASSIST_TEST_POSTGRES_URL}
 * when it is set (CI), else on an embedded PostgreSQL 15 started once per test run. Databases made
 * here are dropped when the JVM ends.
 */
public final class TestPostgres {

  static final String ENV = "SITEASSIST_TEST_POSTGRES_URL";
  private static final String USER = "postgres";
  private static final List<String> created = new ArrayList<>();
  private static String serverUrl;
  private static EmbeddedPostgres embedded;

  public record Database(String url, String user) {}

  private TestPostgres() {}

  public static synchronized Database freshDatabase() {
    String server = server();
    String name = "siteassist_test_" + UUID.randomUUID().toString().replace("-", "");
    execute(server, "CREATE DATABASE " + name);
    if (created.isEmpty()) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(TestPostgres::dropAll, "drop-test-databases"));
    }
    created.add(name);
    return new Database(withDatabase(server, name), USER);
  }

  /** The JDBC URL of the server's maintenance database. */
  static synchronized String server() {
    if (serverUrl == null) {
      String configured = System.getenv(ENV);
      if (configured != null && !configured.isBlank()) {
        serverUrl = configured;
      } else {
        try {
          embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
          throw new UncheckedIOException("Could not start an embedded PostgreSQL", e);
        }
        serverUrl = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres";
      }
    }
    return serverUrl;
  }

  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
  }

  static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url, USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Failed on " + url + ": " + sql, e);
    }
  }

  private static synchronized void dropAll() {
    for (String name : created) {
      try {
        execute(serverUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException e) {
        // the server may already be gone at shutdown; nothing else holds these databases
      }
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        // shutting down anyway
      }
    }
  }
}
