package io.siteassist.contract.visitor;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The one visitor id of a device in a project. Deriving it (a name-based UUID) instead of drawing
 * it makes two concurrent first visits of one device target the same aggregate, so the event
 * store's uniqueness decides the race and both get the same visitor.
 */
public final class VisitorIds {

  private VisitorIds() {}

  public static UUID of(String projectId, String deviceId) {
    String name = "siteassist-visitor\u0000" + projectId + "\u0000" + deviceId;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
