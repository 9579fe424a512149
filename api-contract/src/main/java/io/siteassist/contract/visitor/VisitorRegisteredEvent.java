package io.siteassist.contract.visitor;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A device of a project was seen for the first time and became an anonymous visitor. */
@Revision("1")
public record VisitorRegisteredEvent(UUID visitorId, String projectId, String deviceId) {}
