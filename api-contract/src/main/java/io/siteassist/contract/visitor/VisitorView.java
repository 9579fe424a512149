package io.siteassist.contract.visitor;

import java.util.UUID;

/** A visitor as the read model holds it. */
public record VisitorView(
    UUID id,
    String projectId,
    VisitorType type,
    String externalId,
    String name,
    String avatarUrl) {}
