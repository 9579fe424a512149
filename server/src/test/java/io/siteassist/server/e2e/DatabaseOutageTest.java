package io.siteassist.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteassist.server.e2e.ApiClient.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When the database goes away, requests get 503 with Retry-After (never a 500 and never a lost
 * acknowledged write), and the service recovers by itself when it comes back.
 */
class DatabaseOutageTest {

  @Test
  void requests_during_a_database_outage_get_503_and_the_service_recovers_without_a_restart()
      throws Exception {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    URI direct = URI.create(database.url().substring("jdbc:".length()));
    try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort())) {
      String viaProxy =
          database.url().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/");
      List<String> args = new java.util.ArrayList<>(Instances.postgres(viaProxy, database.user()));
      args.add("--spring.datasource.hikari.connection-timeout=1000");
      try (ConfigurableApplicationContext service = Instances.start(args)) {
        ApiClient api = Instances.client(service);
        String token = api.visitorToken(Instances.PK, "outage-device");
        String conversation = api.startConversation(token);
        assertThat(
                api.post(
                        "/v2/conversations/" + conversation + "/messages",
                        token,
                        "{\"content\":\"before\"}")
                    .status())
            .isEqualTo(202);

        proxy.cut();
        Response read = api.get("/v2/conversations/" + conversation, token);
        Response write =
            api.post(
                "/v2/conversations/" + conversation + "/messages",
                token,
                "{\"content\":\"during\"}");
        Response start = api.post("/v2/conversations", token, null);
        for (Response response : List.of(read, write, start)) {
          assertThat(response.status()).as(response.body()).isEqualTo(503);
          assertThat(response.json().at("/error/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
          assertThat(response.json().at("/error/details/retryAfter").asInt()).isPositive();
        }

        proxy.open();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response recovered;
        do {
          Thread.sleep(200);
          recovered =
              api.post(
                  "/v2/conversations/" + conversation + "/messages",
                  token,
                  "{\"content\":\"after\"}");
        } while (recovered.status() == 503 && System.nanoTime() < deadline);
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(202);

        List<String> texts = new java.util.ArrayList<>();
        api.get("/v2/conversations/" + conversation + "/messages", token)
            .json()
            .get("data")
            .forEach(m -> texts.add(m.at("/parts/0/text").asText()));
        assertThat(texts).startsWith("before").endsWith("after").doesNotHaveDuplicates();
      }
    }
  }
}
