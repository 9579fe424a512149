package io.siteassist.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the service in the middle of a burst of writes: requests in flight finish, later ones
 * are refused with 503 (or find the port closed), none fails with a 500, and every acknowledged
 * write is there after a restart.
 */
class GracefulShutdownTest {

  @TempDir Path dataDir;

  @Test
  void stopping_under_load_answers_only_acknowledged_or_unavailable_and_keeps_every_ack()
      throws Exception {
    List<String> args = new ArrayList<>(Instances.common());
    args.add("--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("db") + ";WRITE_DELAY=0");
    String token;
    String conversation;
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    ConfigurableApplicationContext service = Instances.start(args);
    ApiClient api = Instances.client(service);
    token = api.visitorToken(Instances.PK, "shutdown-device");
    conversation = api.startConversation(token);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger counter = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(6);
    String path = "/v2/conversations/" + conversation + "/messages";
    for (int w = 0; w < 6; w++) {
      writers.submit(
          () -> {
            while (running.get()) {
              String text = "shutdown " + counter.incrementAndGet();
              try {
                ApiClient.Response response =
                    api.post(path, token, "{\"content\":\"" + text + "\"}");
                statuses.add(response.status());
                if (response.status() == 202) {
                  acknowledged.add(text);
                }
              } catch (RuntimeException connectionRefused) {
                return;
              }
            }
          });
    }
    while (acknowledged.size() < 30) {
      Thread.sleep(10);
    }
    service.close();
    running.set(false);
    writers.shutdown();
    assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    assertThat(statuses).containsAnyOf(202).allMatch(s -> s == 202 || s == 503, "202 or 503");
    try (ConfigurableApplicationContext restarted = Instances.start(args)) {
      ApiClient after = Instances.client(restarted);
      List<String> stored = new ArrayList<>();
      after
          .get(path, token)
          .json()
          .get("data")
          .forEach(m -> stored.add(m.at("/parts/0/text").asText()));
      assertThat(stored).doesNotHaveDuplicates().containsAll(acknowledged);
    }
  }
}
