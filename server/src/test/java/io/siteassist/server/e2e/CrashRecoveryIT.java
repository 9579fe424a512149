package io.siteassist.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteassist.server.e2e.ApiClient.Response;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged service, run as a child process, is killed with SIGKILL in the middle of a burst of
 * writes. After a restart every write it acknowledged is there exactly once, and the read model
 * holds exactly the events of the event store.
 */
class CrashRecoveryIT {

  private static final Path JAR = Path.of("target", "siteassist-server.jar");

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0} mode")
  @ValueSource(strings = {"embedded", "postgres"})
  void every_acknowledged_write_survives_a_sigkill_and_the_read_model_agrees_with_the_events(
      String mode) throws Exception {
    assertThat(JAR).as("the packaged jar (built by mvn package)").exists();
    String url;
    String user;
    if (mode.equals("embedded")) {
      url = "jdbc:h2:file:" + dataDir.resolve("siteassist") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
      user = "sa";
    } else {
      TestPostgres.Database database = TestPostgres.freshDatabase();
      url = database.url();
      user = database.user();
    }
    int port = freePort();
    List<String> args = new ArrayList<>(Instances.common());
    args.removeIf(a -> a.startsWith("--server.port") || a.startsWith("--management.server.port"));
    args.add("--server.port=" + port);
    args.add("--management.server.port=" + freePort());
    args.add("--spring.profiles.active=" + mode);
    args.add("--spring.datasource.url=" + url);
    args.add("--spring.datasource.username=" + user);
    args.add("--spring.datasource.password=");
    ApiClient api = new ApiClient(port);

    Process first = launch(args, "first");
    String token;
    String conversation;
    Set<String> acknowledged = new HashSet<>();
    ConcurrentLinkedQueue<String> acks = new ConcurrentLinkedQueue<>();
    try {
      awaitUp(api, first);
      token = api.visitorToken(Instances.PK, "crash-device");
      conversation = api.startConversation(token);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger counter = new AtomicInteger();
      ExecutorService writers = Executors.newFixedThreadPool(6);
      String path = "/v2/conversations/" + conversation + "/messages";
      for (int w = 0; w < 6; w++) {
        writers.submit(
            () -> {
              while (running.get()) {
                String text = "burst " + counter.incrementAndGet();
                try {
                  if (api.post(path, token, "{\"content\":\"" + text + "\"}").status() == 202) {
                    acks.add(text);
                  }
                } catch (RuntimeException e) {
                  return; // the service is gone: this write was never acknowledged
                }
              }
            });
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (acks.size() < 40 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
      first.waitFor(30, TimeUnit.SECONDS);
      running.set(false);
      writers.shutdown();
      writers.awaitTermination(30, TimeUnit.SECONDS);
    } finally {
      first.destroyForcibly();
    }
    acknowledged.addAll(acks);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

    Process second = launch(args, "second");
    try {
      awaitUp(api, second);
      long events = 0;
      long projected = -1;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        events = count(url, user, eventsSql(), conversation);
        projected =
            count(
                url,
                user,
                "SELECT COUNT(*) FROM message_view WHERE conversation_id = ?",
                conversation);
        if (events == projected) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(projected).as("read model rows = message events").isEqualTo(events);

      Response messages = api.get("/v2/conversations/" + conversation + "/messages", token);
      List<String> stored = new ArrayList<>();
      messages.json().get("data").forEach(m -> stored.add(m.at("/parts/0/text").asText()));
      assertThat(stored).doesNotHaveDuplicates().hasSize((int) events);
      assertThat(stored).containsAll(acknowledged);
      assertThat(
              api.post(
                      "/v2/conversations/" + conversation + "/messages",
                      token,
                      "{\"content\":\"after\"}")
                  .status())
          .isEqualTo(202);
    } finally {
      second.destroy();
      if (!second.waitFor(30, TimeUnit.SECONDS)) {
        second.destroyForcibly();
      }
    }
  }

  private static String eventsSql() {
    return "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?"
        + " AND payloadType LIKE '%VisitorMessagePostedEvent'";
  }

  private static long count(String url, String user, String sql, String conversation)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, "");
        PreparedStatement statement = connection.prepareStatement(sql)) {
      if (sql.contains("conversation_id")) {
        statement.setObject(1, java.util.UUID.fromString(conversation));
      } else {
        statement.setString(1, conversation);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private Process launch(List<String> args, String name) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(args);
    File log = dataDir.resolve(name + ".log").toFile();
    return new ProcessBuilder(command)
        .directory(dataDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
  }

  private void awaitUp(ApiClient api, Process process) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service died at start:\n" + logs());
      }
      try {
        if (api.get("/v2/identity/me", null).status() == 401) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the service did not start in time:\n" + logs());
  }

  private String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dataDir)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        all.append(Files.readString(log));
      }
    }
    return all.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
