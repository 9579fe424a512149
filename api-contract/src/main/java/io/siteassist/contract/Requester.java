package io.siteassist.contract;

import java.util.UUID;

/**
 * Who is asking: always a project, and a visitor when the caller is a visitor's browser session. A
 * requester without a visitor is the project's back end (secret key) and may touch every
 * conversation of the project.
 */
public record Requester(String projectId, UUID visitorId) {

  public static Requester visitor(String projectId, UUID visitorId) {
    return new Requester(projectId, visitorId);
  }

  public static Requester projectBackend(String projectId) {
    return new Requester(projectId, null);
  }

  public boolean isVisitor() {
    return visitorId != null;
  }
}
