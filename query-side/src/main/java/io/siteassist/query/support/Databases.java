package io.siteassist.query.support;

import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

/** Which of the two supported databases holds the read models, where their SQL must differ. */
public final class Databases {

  private Databases() {}

  public static boolean isPostgres(JdbcOperations jdbc) {
    return product(jdbc).contains("postgres");
  }

  public static boolean isH2(JdbcOperations jdbc) {
    return product(jdbc).equals("h2");
  }

  private static String product(JdbcOperations jdbc) {
    String name =
        jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }
}
