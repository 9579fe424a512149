package io.siteassist.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class UnitOfWorkGuardTest {

  @AfterEach
  void clean() {
    while (CurrentUnitOfWork.isStarted()) {
      CurrentUnitOfWork.clear(CurrentUnitOfWork.get());
    }
  }

  @Test
  void a_unit_of_work_abandoned_by_a_failing_request_is_rolled_back_and_unbound_from_the_thread() {
    boolean[] rolledBack = {false};
    UnitOfWorkGuard guard = new UnitOfWorkGuard();

    assertThatThrownBy(
            () ->
                guard.doFilter(
                    new MockHttpServletRequest("POST", "/v2/conversations"),
                    new MockHttpServletResponse(),
                    (request, response) -> {
                      DefaultUnitOfWork<?> unitOfWork =
                          DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
                      unitOfWork.onRollback(u -> rolledBack[0] = true);
                      throw new ServletException(new AssertionError("driver failure"));
                    }))
        .isInstanceOf(ServletException.class);

    assertThat(CurrentUnitOfWork.isStarted()).as("no unit of work left on the thread").isFalse();
    assertThat(rolledBack[0]).isTrue();
  }
}
