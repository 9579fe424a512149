package io.siteassist.server.security;

import io.siteassist.server.config.Projects;
import io.siteassist.server.config.SiteAssistProperties.Project;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** The two kinds of bearer credential: a project's secret key, or a visitor's session token. */
final class CredentialAuthenticationProviders {

  static final String SECRET_KEY_PREFIX = "sk_";

  private CredentialAuthenticationProviders() {}

  /** A bearer value starting with {@code sk_} must be one of a project's secret keys. */
  static AuthenticationProvider secretKeys(Projects projects) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (!token.startsWith(SECRET_KEY_PREFIX)) {
          return null;
        }
        Project project =
            projects
                .bySecretKey(token)
                .orElseThrow(() -> new BadCredentialsException("Unknown secret key"));
        return new CallerAuthentication(new Caller(project, null));
      }

      @Override
      public boolean supports(Class<?> type) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(type);
      }
    };
  }

  /** Any other bearer value must be a valid, unexpired session token of a configured project. */
  static AuthenticationProvider sessionTokens(SessionTokens tokens, Projects projects) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (token.startsWith(SECRET_KEY_PREFIX)) {
          return null;
        }
        SessionTokens.Session session;
        try {
          session = tokens.verify(token);
        } catch (JwtException | IllegalArgumentException e) {
          throw new InvalidBearerTokenException("Invalid session token", e);
        }
        Project project =
            projects
                .byId(session.projectId())
                .orElseThrow(() -> new InvalidBearerTokenException("Unknown project"));
        return new CallerAuthentication(new Caller(project, session.visitorId()));
      }

      @Override
      public boolean supports(Class<?> type) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(type);
      }
    };
  }
}
