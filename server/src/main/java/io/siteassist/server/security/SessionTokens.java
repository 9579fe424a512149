package io.siteassist.server.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.siteassist.server.config.SiteAssistProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.ehcache.UserManagedCache;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.builders.UserManagedCacheBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Visitor session tokens: HS256-signed JWTs whose subject is the visitor id and whose {@code pid}
 * claim is the project. The key comes from configuration; without one a random key is drawn, which
 * is fine for one embedded instance and says so, since its tokens die with the process.
 *
 * <p>A widget sends the same token with every request, so a token that verified once is remembered,
 * up to {@code siteassist.session.verified-cache-size} of them, until it expires: the same string
 * always verifies the same way, and only its expiry depends on the time. Decoding and checking a
 * token each time took about a tenth of the CPU of a GET (async-profiler).
 */
@Component
public class SessionTokens implements DisposableBean {

  static final String ISSUER = "siteassist";
  static final String PROJECT_CLAIM = "pid";

  /** Accepted difference between this clock and the one that set a token's times. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

  /** Who a verified token speaks for, and until when. */
  record Session(String projectId, UUID visitorId, Instant expiresAt) {}

  private final JwtEncoder encoder;
  private final NimbusJwtDecoder decoder;
  private final UserManagedCache<String, Session> verified;
  private final Duration ttl;
  private final Clock clock;

  @Autowired
  public SessionTokens(SiteAssistProperties properties) {
    this(properties, Clock.systemUTC());
  }

  SessionTokens(SiteAssistProperties properties, Clock clock) {
    SecretKey key = signingKey(properties.session().signingKey());
    this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
    timestamps.setClock(clock);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER)));
    this.verified =
        UserManagedCacheBuilder.newUserManagedCacheBuilder(String.class, Session.class)
            .withResourcePools(ResourcePoolsBuilder.heap(properties.session().verifiedCacheSize()))
            .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(ttl(properties)))
            .build(true);
    this.ttl = properties.session().ttl();
    this.clock = clock;
  }

  public String issue(String projectId, UUID visitorId) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(visitorId.toString())
            .claim(PROJECT_CLAIM, projectId)
            .issuedAt(now)
            .expiresAt(now.plus(ttl))
            .build();
    JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
    return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
  }

  /**
   * The session a token speaks for.
   *
   * @throws JwtException if it is not a valid, unexpired token signed with this service's key
   * @throws IllegalArgumentException if its subject is not a visitor id
   */
  Session verify(String token) {
    Session session = verified.get(token);
    if (session == null) {
      Jwt jwt = decoder.decode(token);
      session =
          new Session(
              jwt.getClaimAsString(PROJECT_CLAIM),
              UUID.fromString(String.valueOf(jwt.getSubject())),
              jwt.getExpiresAt() == null ? Instant.MAX : jwt.getExpiresAt());
      verified.put(token, session);
    }
    if (!clock.instant().isBefore(session.expiresAt().plus(CLOCK_SKEW))) {
      verified.remove(token);
      throw new JwtException("Session token expired at " + session.expiresAt());
    }
    return session;
  }

  @Override
  public void destroy() {
    verified.close();
  }

  /** A remembered token is dropped a session lifetime after it was first verified, at most. */
  private static Duration ttl(SiteAssistProperties properties) {
    return properties.session().ttl().plus(CLOCK_SKEW);
  }

  private static SecretKey signingKey(String configured) {
    byte[] bytes;
    if (configured == null || configured.isBlank()) {
      bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      log.warn(
          "No siteassist.session.signing-key is set: a random key signs visitor session tokens,"
              + " so they stop working when this process stops and are not accepted by other"
              + " instances. Set a base64 key of at least 32 bytes in production.");
    } else {
      bytes = Base64.getDecoder().decode(configured.trim());
      if (bytes.length < 32) {
        throw new IllegalStateException(
            "siteassist.session.signing-key must be at least 32 bytes (base64-encoded)");
      }
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }
}
