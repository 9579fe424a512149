package io.siteassist.contract.visitor;

import java.util.UUID;

/** The answer to a registration: the visitor, and whether it is new. */
public record VisitorRegistration(UUID visitorId, boolean created) {}
