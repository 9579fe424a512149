package io.siteassist.server.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code siteassist.*}: the projects and their keys, the visitor sessions, and how
 * long a command waits for its own write to reach the read model.
 */
@ConfigurationProperties("siteassist")
public record SiteAssistProperties(
    @DefaultValue List<Project> projects,
    @DefaultValue Session session,
    @DefaultValue("5s") Duration readYourWritesTimeout,
    @DefaultValue("1MB") org.springframework.util.unit.DataSize maxRequestSize) {

  /** A tenant of the service, with the keys its widget and its back end use. */
  public record Project(
      String id,
      String name,
      @DefaultValue("free") String plan,
      @DefaultValue List<String> publishableKeys,
      @DefaultValue List<String> secretKeys,
      @DefaultValue("*") List<String> allowedOrigins) {

    public boolean allowsOrigin(String origin) {
      return origin == null || allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }
  }

  /**
   * Visitor session tokens: the HMAC key that signs them (base64, at least 32 bytes; generated at
   * start when empty), how long a token lives after the visitor's last {@code init}, and how many
   * verified tokens are remembered so that they are not verified again.
   */
  public record Session(
      String signingKey,
      @DefaultValue("24h") Duration ttl,
      @DefaultValue("10000") int verifiedCacheSize) {}
}
