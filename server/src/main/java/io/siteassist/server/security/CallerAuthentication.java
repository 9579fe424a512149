package io.siteassist.server.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A verified credential: the caller, with the role its credential grants. */
final class CallerAuthentication extends AbstractAuthenticationToken {

  static final String VISITOR = "ROLE_VISITOR";
  static final String PROJECT_BACKEND = "ROLE_PROJECT_BACKEND";

  private final Caller caller;

  CallerAuthentication(Caller caller) {
    super(List.of(new SimpleGrantedAuthority(caller.isVisitor() ? VISITOR : PROJECT_BACKEND)));
    this.caller = caller;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }
}
