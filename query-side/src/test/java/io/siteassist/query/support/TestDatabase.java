package io.siteassist.query.support;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh in-memory H2 database with the query side's Flyway migrations applied. */
public final class TestDatabase implements AutoCloseable {

  private final NamedParameterJdbcTemplate named;

  private final JdbcClient jdbc;

  private TestDatabase(NamedParameterJdbcTemplate named) {
    this.named = named;
    this.jdbc = JdbcClient.create(named);
  }

  public static TestDatabase migrated() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:read-models-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return new TestDatabase(new NamedParameterJdbcTemplate(dataSource));
  }

  public NamedParameterJdbcTemplate named() {
    return named;
  }

  public JdbcClient jdbc() {
    return jdbc;
  }

  public long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  @Override
  public void close() {
    jdbc.sql("SHUTDOWN").update();
  }
}
