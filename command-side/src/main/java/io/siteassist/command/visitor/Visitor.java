package io.siteassist.command.visitor;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.siteassist.contract.visitor.RegisterVisitorCommand;
import io.siteassist.contract.visitor.VisitorRegisteredEvent;
import io.siteassist.contract.visitor.VisitorRegistration;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A device of a project's visitor. Its id is derived from the project and the device, so the first
 * registration creates it and every later one (or a concurrent one that lost the race and was
 * retried) finds it.
 */
@Aggregate
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public class Visitor {

  @AggregateIdentifier private UUID visitorId;

  protected Visitor() {
    // for Axon and Jackson
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  VisitorRegistration handle(RegisterVisitorCommand command) {
    if (isRegistered()) {
      return new VisitorRegistration(visitorId, false);
    }
    apply(new VisitorRegisteredEvent(command.visitorId(), command.projectId(), command.deviceId()));
    return new VisitorRegistration(command.visitorId(), true);
  }

  @EventSourcingHandler
  void on(VisitorRegisteredEvent event) {
    visitorId = event.visitorId();
  }

  boolean isRegistered() {
    return visitorId != null;
  }
}
