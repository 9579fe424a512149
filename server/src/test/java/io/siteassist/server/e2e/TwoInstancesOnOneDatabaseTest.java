package io.siteassist.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.siteassist.server.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the service on one PostgreSQL database, written to at once: the event store's
 * sequence numbers decide every race, the loser is retried, and the projections (whose segments the
 * instances claim between them) apply each event once.
 */
class TwoInstancesOnOneDatabaseTest {

  @Test
  void parallel_commands_through_two_instances_are_all_stored_once_and_both_read_the_same()
      throws Exception {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    List<String> args = Instances.postgres(database.url(), database.user());
    try (ConfigurableApplicationContext first = Instances.start(args);
        ConfigurableApplicationContext second = Instances.start(args)) {
      ApiClient[] nodes = {Instances.client(first), Instances.client(second)};

      ExecutorService initPool = Executors.newFixedThreadPool(10);
      List<Future<Response>> inits = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ApiClient node = nodes[i % 2];
        inits.add(
            initPool.submit(
                () ->
                    node.post(
                        "/v2/identity/init",
                        null,
                        "{\"apiKey\":\""
                            + Instances.PK
                            + "\",\"saVid\":\"two-instances-device\"}")));
      }
      initPool.shutdown();
      List<Response> initResponses = new ArrayList<>();
      for (Future<Response> init : inits) {
        initResponses.add(init.get());
      }
      assertThat(initResponses).extracting(Response::status).containsOnly(200, 201);
      assertThat(initResponses).filteredOn(r -> r.status() == 201).hasSize(1);
      assertThat(initResponses.stream().map(r -> r.json().at("/visitor/id").asText()).distinct())
          .as("one visitor for one device, whichever instance answered")
          .hasSize(1);
      String token = initResponses.get(0).text("sessionToken");
      List<String> conversations =
          List.of(
              nodes[0].startConversation(token),
              nodes[1].startConversation(token),
              nodes[0].startConversation(token));

      int messages = 60;
      ExecutorService pool = Executors.newFixedThreadPool(12);
      Map<Integer, Future<Response>> sent = new HashMap<>();
      for (int i = 0; i < messages; i++) {
        int n = i;
        sent.put(
            n,
            pool.submit(
                () ->
                    nodes[n % 2].post(
                        "/v2/conversations/" + conversations.get(n % 3) + "/messages",
                        token,
                        "{\"content\":\"message " + n + "\"}")));
      }
      pool.shutdown();
      Map<String, List<String>> acknowledged = new HashMap<>();
      for (Map.Entry<Integer, Future<Response>> entry : sent.entrySet()) {
        Response response = entry.getValue().get();
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        acknowledged
            .computeIfAbsent(conversations.get(entry.getKey() % 3), c -> new ArrayList<>())
            .add("message " + entry.getKey());
      }

      for (String conversation : conversations) {
        JsonNode viaFirst = nodes[0].get("/v2/conversations/" + conversation, token).json();
        JsonNode viaSecond = nodes[1].get("/v2/conversations/" + conversation, token).json();
        assertThat(viaSecond).isEqualTo(viaFirst);
        List<String> texts = new ArrayList<>();
        viaFirst.get("messages").forEach(m -> texts.add(m.at("/parts/0/text").asText()));
        assertThat(texts).containsExactlyInAnyOrderElementsOf(acknowledged.get(conversation));
      }
      assertThat(nodes[1].get("/v2/conversations?limit=100", Instances.SK).json())
          .isEqualTo(nodes[0].get("/v2/conversations?limit=100", Instances.SK).json());
      assertThat(
              nodes[1]
                  .post("/v2/conversations/" + conversations.get(2) + "/close", token, null)
                  .status())
          .isEqualTo(200);
      assertThat(nodes[0].get("/v2/conversations", Instances.SK).json().get("total").asLong())
          .isEqualTo(3);
      assertThat(
              nodes[0]
                  .get("/v2/conversations?status=open", Instances.SK)
                  .json()
                  .get("total")
                  .asLong())
          .isEqualTo(2);
      assertThat(
              nodes[1]
                  .get("/v2/conversations?status=closed", Instances.SK)
                  .json()
                  .get("total")
                  .asLong())
          .isEqualTo(1);
      JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE"
                      + " '%VisitorMessagePostedEvent'",
                  Long.class))
          .isEqualTo(messages);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_view", Long.class))
          .isEqualTo(messages);
    }
  }
}
