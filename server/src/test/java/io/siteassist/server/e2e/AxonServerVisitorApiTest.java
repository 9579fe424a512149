package io.siteassist.server.e2e;

import org.axonframework.test.server.AxonServerContainer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The visitor API scenarios in the {@code axonserver} mode: events, commands and queries through
 * Axon Server, read models and tokens in a fresh PostgreSQL database. Error codes must come out of
 * the envelope exactly as in the other modes, having crossed the wire as error details.
 */
@ExtendWith(AxonServerAvailable.class)
@EndToEndTest
@ActiveProfiles("axonserver")
class AxonServerVisitorApiTest extends VisitorApiScenarios {

  static final String IMAGE = "axoniq/axonserver:2025.2.0";
  private static AxonServerContainer container;

  @DynamicPropertySource
  static void axonServerAndDatabase(DynamicPropertyRegistry registry) {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::user);
    registry.add("spring.datasource.password", () -> "");
    registry.add("axon.axonserver.servers", AxonServerVisitorApiTest::address);
    // the scenarios draw fresh ids, so they may share a server's context with earlier runs
    registry.add(
        "axon.axonserver.context",
        () -> System.getenv().getOrDefault("AXON_SERVER_CONTEXT", "default"));
  }

  private static synchronized String address() {
    String configured = System.getenv(AxonServerAvailable.ENV);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (container == null) {
      container = new AxonServerContainer(IMAGE).withDevMode(true);
      container.start();
    }
    return container.getAxonServerAddress();
  }
}
