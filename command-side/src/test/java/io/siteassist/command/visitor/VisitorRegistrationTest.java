package io.siteassist.command.visitor;

import io.siteassist.contract.visitor.RegisterVisitorCommand;
import io.siteassist.contract.visitor.VisitorIds;
import io.siteassist.contract.visitor.VisitorRegisteredEvent;
import io.siteassist.contract.visitor.VisitorRegistration;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VisitorRegistrationTest {

  private static final String PROJECT = "project-acme";
  private static final String DEVICE = "device-7f3a";
  private static final UUID VISITOR = VisitorIds.of(PROJECT, DEVICE);

  private FixtureConfiguration<Visitor> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Visitor.class);
  }

  @Test
  void the_first_registration_of_a_device_registers_a_new_visitor() {
    fixture
        .givenNoPriorActivity()
        .when(new RegisterVisitorCommand(VISITOR, PROJECT, DEVICE))
        .expectEvents(new VisitorRegisteredEvent(VISITOR, PROJECT, DEVICE))
        .expectResultMessagePayload(new VisitorRegistration(VISITOR, true));
  }

  @Test
  void registering_a_known_device_again_emits_nothing_and_returns_the_existing_visitor() {
    fixture
        .given(new VisitorRegisteredEvent(VISITOR, PROJECT, DEVICE))
        .when(new RegisterVisitorCommand(VISITOR, PROJECT, DEVICE))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents()
        .expectResultMessagePayload(new VisitorRegistration(VISITOR, false));
  }
}
