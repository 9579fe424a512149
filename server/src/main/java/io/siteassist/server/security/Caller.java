package io.siteassist.server.security;

import io.siteassist.contract.Requester;
import io.siteassist.server.config.SiteAssistProperties.Project;
import java.util.UUID;

/** The authenticated caller: a visitor's browser session, or a project's back end. */
public record Caller(Project project, UUID visitorId) {

  public boolean isVisitor() {
    return visitorId != null;
  }

  public Requester requester() {
    return new Requester(project.id(), visitorId);
  }
}
