package io.siteassist.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.siteassist.server.SiteAssistApplication;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stopping and starting the service on the same database file keeps everything acknowledged. */
class RestartEndToEndTest {

  private static final String PK = "pk_restart";
  private static final String SK = "sk_restart";

  @TempDir Path dataDir;

  @Test
  void every_acknowledged_write_is_still_there_after_a_restart_and_nothing_is_projected_twice() {
    String[] args = {
      "--server.port=0",
      "--management.server.port=0",
      "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("siteassist") + ";WRITE_DELAY=0",
      "--siteassist.session.signing-key="
          + Base64.getEncoder().encodeToString("a-restart-test-signing-key-of-32+bytes".getBytes()),
      "--siteassist.snapshot-threshold=5",
      "--siteassist.projects[0].id=restart",
      "--siteassist.projects[0].publishable-keys[0]=" + PK,
      "--siteassist.projects[0].secret-keys[0]=" + SK
    };

    String token;
    String open;
    String closed;
    JsonNode openBefore;
    JsonNode closedBefore;
    JsonNode listBefore;
    long eventsBefore;
    try (ConfigurableApplicationContext first = start(args)) {
      ApiClient api = client(first);
      token = api.visitorToken(PK, "restart-device");
      open = api.startConversation(token);
      for (int i = 0; i < 12; i++) {
        api.post("/v2/conversations/" + open + "/messages", token, "{\"content\":\"m" + i + "\"}");
      }
      String firstMessage =
          api.get("/v2/conversations/" + open + "/messages", token)
              .json()
              .at("/data/0/id")
              .asText();
      api.post("/v2/messages/" + firstMessage + "/feedback", token, "{\"feedback\":\"like\"}");
      closed = api.startConversation(token);
      api.post("/v2/conversations/" + closed + "/close", token, "{\"closeReason\":\"done\"}");

      openBefore = api.get("/v2/conversations/" + open, token).json();
      closedBefore = api.get("/v2/conversations/" + closed, token).json();
      listBefore = api.get("/v2/conversations", SK).json();
      eventsBefore = eventCount(first);
      assertThat(snapshotCount(first)).as("a long conversation is snapshotted").isPositive();
    }

    try (ConfigurableApplicationContext second = start(args)) {
      ApiClient api = client(second);
      assertThat(api.get("/v2/conversations/" + open, token).json()).isEqualTo(openBefore);
      assertThat(api.get("/v2/conversations/" + closed, token).json()).isEqualTo(closedBefore);
      assertThat(api.get("/v2/conversations", SK).json()).isEqualTo(listBefore);
      assertThat(eventCount(second)).isEqualTo(eventsBefore);

      ApiClient.Response again =
          api.post(
              "/v2/identity/init",
              null,
              "{\"apiKey\":\"" + PK + "\",\"saVid\":\"restart-device\"}");
      assertThat(again.status()).isEqualTo(200);

      // the aggregate, loaded from its snapshot, still knows its state
      assertThat(
              api.post("/v2/conversations/" + closed + "/messages", token, "{\"content\":\"x\"}")
                  .status())
          .isEqualTo(409);
      assertThat(
              api.post("/v2/conversations/" + open + "/messages", token, "{\"content\":\"after\"}")
                  .status())
          .isEqualTo(202);
      JsonNode messages = api.get("/v2/conversations/" + open + "/messages", token).json();
      assertThat(messages.get("data")).hasSize(13);
      assertThat(messages.at("/data/0/feedback").asText()).isEqualTo("like");
      assertThat(messages.at("/data/12/parts/0/text").asText()).isEqualTo("after");
    }
  }

  private static ConfigurableApplicationContext start(String[] args) {
    return new SpringApplicationBuilder(SiteAssistApplication.class).run(args);
  }

  private static ApiClient client(ConfigurableApplicationContext context) {
    return new ApiClient(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  private static long eventCount(ConfigurableApplicationContext context) {
    return context
        .getBean(JdbcTemplate.class)
        .queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
  }

  private static long snapshotCount(ConfigurableApplicationContext context) {
    return context
        .getBean(JdbcTemplate.class)
        .queryForObject("SELECT COUNT(*) FROM SnapshotEventEntry", Long.class);
  }
}
