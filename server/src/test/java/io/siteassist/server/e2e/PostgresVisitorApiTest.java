package io.siteassist.server.e2e;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The visitor API scenarios in the {@code postgres} mode, on a fresh database of their own. */
@EndToEndTest
@ActiveProfiles("postgres")
class PostgresVisitorApiTest extends VisitorApiScenarios {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::user);
    registry.add("spring.datasource.password", () -> "");
  }
}
