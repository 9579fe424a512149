package io.siteassist.server.bench;

import io.siteassist.server.ids.TimeOrderedIds;
import io.siteassist.server.security.Caller;
import io.siteassist.server.web.error.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Baselines the benchmark harness measures the service against, in the same process, only with the
 * {@code benchmark} profile: the cheapest possible endpoint (the HTTP limit of the machine), and
 * what a plain CRUD service would do for "send a message" (check the body, insert a row).
 */
@RestController
@Profile("benchmark")
class BenchmarkBaselines {

  private final JdbcClient jdbc;

  BenchmarkBaselines(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping(path = "/bench/ping", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Boolean> ping() {
    return Map.of("ok", true);
  }

  record Message(String content) {}

  @PostMapping("/v2/bench/conversations/{conversationId}/messages")
  void insert(
      @AuthenticationPrincipal Caller caller,
      @PathVariable UUID conversationId,
      @RequestBody Message body,
      HttpServletResponse response)
      throws IOException {
    if (body.content() == null || body.content().isBlank() || body.content().length() > 10_000) {
      throw ApiException.validation("content", "must be 1 to 10000 characters");
    }
    jdbc.sql(
            """
            INSERT INTO bench_message (id, conversation_id, project_id, visitor_id, content,
                created_at)
            VALUES (:id, :conversation, :project, :visitor, :content, :at)
            """)
        .param("id", TimeOrderedIds.next())
        .param("conversation", conversationId)
        .param("project", caller.project().id())
        .param("visitor", caller.visitorId())
        .param("content", body.content())
        .param("at", Timestamp.from(Instant.now()))
        .update();
    response.setStatus(202);
    response.setContentType(MediaType.TEXT_PLAIN_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("Message sent");
  }
}
