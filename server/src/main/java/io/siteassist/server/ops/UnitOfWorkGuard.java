package io.siteassist.server.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes sure no Axon unit of work outlives the request that started it. A handler that fails with
 * an {@link Error} instead of an exception (the PostgreSQL driver throws an AssertionError when its
 * connection dies inside a batch) skips Axon's clean-up and leaves the unit of work bound to the
 * request thread: the next request on that thread would nest its command in a dead unit of work,
 * and Axon's janitor would later interrupt the thread. Such leftovers are rolled back here.
 */
public class UnitOfWorkGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(UnitOfWorkGuard.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      releaseLeftovers();
    }
  }

  static void releaseLeftovers() {
    while (CurrentUnitOfWork.isStarted()) {
      UnitOfWork<?> leftover = CurrentUnitOfWork.get();
      log.warn("Rolling back a unit of work left open by a failed request ({})", leftover.phase());
      try {
        leftover.rollback();
      } catch (RuntimeException e) {
        log.debug("Rollback of the abandoned unit of work failed", e);
      }
      if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == leftover) {
        CurrentUnitOfWork.clear(leftover);
      }
    }
  }
}
