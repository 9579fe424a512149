package io.siteassist.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Emptying read models for a replay on H2, whose TRUNCATE commits whatever is open. */
class ReadModelTablesTest {

  private TestDatabase db;
  private JdbcTemplate jdbc;
  private TransactionTemplate transaction;
  private ReadModelTables tables;

  @BeforeEach
  void setUp() {
    db = TestDatabase.migrated();
    jdbc = db.named().getJdbcTemplate();
    transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    tables = new ReadModelTables(jdbc, "conversation_count");
    jdbc.update("INSERT INTO conversation_count (project_id, status, n) VALUES ('p1', 'OPEN', 3)");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void outside_a_transaction_the_tables_are_emptied_at_once() {
    tables.clear();

    assertThat(db.count("conversation_count")).isZero();
  }

  @Test
  void the_tables_are_emptied_only_once_the_resetting_transaction_has_committed() {
    transaction.executeWithoutResult(
        status -> {
          tables.clear();
          jdbc.update("UPDATE conversation_count SET n = 4");
          assertThat(db.count("conversation_count")).isEqualTo(1);
        });

    assertThat(db.count("conversation_count")).isZero();
  }

  @Test
  void a_reset_that_rolls_back_leaves_the_tables_as_they_were() {
    transaction.executeWithoutResult(
        status -> {
          tables.clear();
          status.setRollbackOnly();
        });

    assertThat(db.count("conversation_count")).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT n FROM conversation_count", Long.class)).isEqualTo(3);
  }
}
