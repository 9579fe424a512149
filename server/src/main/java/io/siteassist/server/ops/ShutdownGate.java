package io.siteassist.server.ops;

import io.siteassist.contract.error.ErrorCode;
import io.siteassist.server.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Graceful shutdown: once the service starts stopping, requests already running finish (Tomcat's
 * graceful shutdown waits for them) while new ones, arriving on open connections, get 503 with
 * Retry-After, so a client retries against another instance instead of losing its write.
 */
public class ShutdownGate extends OncePerRequestFilter
    implements ApplicationListener<ContextClosedEvent> {

  static final int RETRY_AFTER_SECONDS = 5;
  private volatile boolean closing;

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    closing = true;
  }

  boolean isClosing() {
    return closing;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (closing) {
      response.setHeader("Connection", "close");
      ErrorResponses.write(
          response,
          ErrorCode.SERVICE_UNAVAILABLE,
          "The service is shutting down; retry shortly.",
          Map.of("retryAfter", RETRY_AFTER_SECONDS));
      return;
    }
    chain.doFilter(request, response);
  }
}
