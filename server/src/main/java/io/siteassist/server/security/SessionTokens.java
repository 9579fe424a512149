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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Visitor session tokens: HS256-signed JWTs whose subject is the visitor id and whose {@code pid}
 * claim is the project. The key comes from configuration; without one a random key is drawn, which
 * is fine for one embedded instance and says so, since its tokens die with the process.
 */
@Component
public class SessionTokens {

  static final String ISSUER = "siteassist";
  static final String PROJECT_CLAIM = "pid";
  private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

  private final JwtEncoder encoder;
  private final JwtDecoder decoder;
  private final Duration ttl;
  private final Clock clock;

  @Autowired
  public SessionTokens(SiteAssistProperties properties) {
    this(properties, Clock.systemUTC());
  }

  SessionTokens(SiteAssistProperties properties, Clock clock) {
    SecretKey key = signingKey(properties.session().signingKey());
    this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    NimbusJwtDecoder nimbus =
        NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    nimbus.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
    this.decoder = nimbus;
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

  JwtDecoder decoder() {
    return decoder;
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
