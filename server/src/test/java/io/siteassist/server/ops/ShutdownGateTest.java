package io.siteassist.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ShutdownGateTest {

  private final ShutdownGate gate = new ShutdownGate();

  @Test
  void requests_pass_while_the_service_runs() throws Exception {
    MockFilterChain chain = new MockFilterChain();
    MockHttpServletResponse response = new MockHttpServletResponse();

    gate.doFilter(new MockHttpServletRequest("GET", "/v2/conversations"), response, chain);

    assertThat(chain.getRequest()).isNotNull();
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void new_requests_get_503_with_retry_after_once_the_service_is_stopping() throws Exception {
    gate.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
    MockFilterChain chain = new MockFilterChain();
    MockHttpServletResponse response = new MockHttpServletResponse();

    gate.doFilter(new MockHttpServletRequest("POST", "/v2/conversations"), response, chain);

    assertThat(chain.getRequest()).as("the request never reaches the API").isNull();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getContentType()).startsWith("application/json");
    assertThat(response.getContentAsString())
        .contains("\"code\":\"SERVICE_UNAVAILABLE\"")
        .contains("\"retryAfter\":5");
  }
}
