package io.siteassist.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteassist.server.config.SiteAssistProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.unit.DataSize;

class SessionTokensTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final Duration TTL = Duration.ofHours(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
  private final SessionTokens tokens = new SessionTokens(properties(KEY), clock);
  private final UUID visitor = UUID.randomUUID();

  @AfterEach
  void close() {
    tokens.destroy();
  }

  @Test
  void a_token_speaks_for_its_visitor_and_project_every_time_it_is_presented() {
    String token = tokens.issue("p1", visitor);

    SessionTokens.Session first = tokens.verify(token);
    SessionTokens.Session again = tokens.verify(token);

    assertThat(first.projectId()).isEqualTo("p1");
    assertThat(first.visitorId()).isEqualTo(visitor);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void a_remembered_token_is_refused_once_it_has_expired() {
    String token = tokens.issue("p1", visitor);
    tokens.verify(token);

    clock.advance(TTL.plus(SessionTokens.CLOCK_SKEW).plusSeconds(1));

    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(JwtException.class);
  }

  @Test
  void an_expired_token_is_refused_even_when_it_was_never_seen() {
    String token = tokens.issue("p1", visitor);

    clock.advance(TTL.plus(SessionTokens.CLOCK_SKEW).plusSeconds(1));

    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(JwtException.class);
  }

  @Test
  void a_token_altered_after_its_genuine_twin_was_remembered_is_refused() {
    String token = tokens.issue("p1", visitor);
    tokens.verify(token);
    String[] parts = token.split("\\.");
    String otherVisitor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]))
                    .replace(visitor.toString(), UUID.randomUUID().toString())
                    .getBytes());

    assertThatThrownBy(() -> tokens.verify(parts[0] + "." + otherVisitor + "." + parts[2]))
        .isInstanceOf(JwtException.class);
  }

  @Test
  void a_token_of_another_signing_key_is_refused() {
    SessionTokens other =
        new SessionTokens(
            properties(
                Base64.getEncoder()
                    .encodeToString(
                        new byte[] {
                          1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                          22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                        })),
            clock);
    try {
      String foreign = other.issue("p1", visitor);

      assertThatThrownBy(() -> tokens.verify(foreign)).isInstanceOf(JwtException.class);
    } finally {
      other.destroy();
    }
  }

  private static SiteAssistProperties properties(String key) {
    return new SiteAssistProperties(
        List.of(),
        new SiteAssistProperties.Session(key, TTL, 100),
        Duration.ofSeconds(5),
        DataSize.ofMegabytes(1));
  }

  private static final class MutableClock extends Clock {

    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
