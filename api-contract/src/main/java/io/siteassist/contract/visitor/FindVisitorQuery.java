package io.siteassist.contract.visitor;

import java.util.UUID;

/** Who is this visitor of this project? */
public record FindVisitorQuery(String projectId, UUID visitorId) {}
