package io.siteassist.server.ops;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the shutdown gate in front of everything else, and the unit-of-work guard. */
@Configuration
class OperationsConfig {

  @Bean
  ShutdownGate shutdownGate() {
    return new ShutdownGate();
  }

  @Bean
  FilterRegistrationBean<ShutdownGate> shutdownGateRegistration(ShutdownGate gate) {
    FilterRegistrationBean<ShutdownGate> registration = new FilterRegistrationBean<>(gate);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<UnitOfWorkGuard> unitOfWorkGuard() {
    FilterRegistrationBean<UnitOfWorkGuard> registration =
        new FilterRegistrationBean<>(new UnitOfWorkGuard());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
