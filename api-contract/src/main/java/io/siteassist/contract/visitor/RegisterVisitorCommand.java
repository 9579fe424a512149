package io.siteassist.contract.visitor;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers the device of a project's visitor, once: the visitor id is derived from the project and
 * the device id ({@link VisitorIds}), so registering a known device changes nothing.
 */
public record RegisterVisitorCommand(
    @TargetAggregateIdentifier UUID visitorId, String projectId, String deviceId) {}
