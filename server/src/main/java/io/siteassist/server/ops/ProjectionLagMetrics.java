package io.siteassist.server.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Projection lag: for every live event a processor handles, the time from the event's timestamp to
 * the commit of the batch that applied it, as the timer {@code siteassist.projection.lag} tagged
 * with the processor (p50/p99 published). Replayed events are left out: their age says nothing
 * about lag.
 */
@Component
class ProjectionLagMetrics implements ConfigurerModule {

  static final String METRIC = "siteassist.projection.lag";

  private final MeterRegistry registry;
  private final Clock clock;

  ProjectionLagMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.clock = Clock.systemUTC();
  }

  @Override
  public void configureModule(org.axonframework.config.Configurer configurer) {
    configurer
        .eventProcessing()
        .registerDefaultHandlerInterceptor((configuration, processor) -> interceptor(processor));
  }

  private MessageHandlerInterceptor<EventMessage<?>> interceptor(String processor) {
    Timer timer =
        Timer.builder(METRIC)
            .description("Time from an event's timestamp to the commit of its projection")
            .tag("processor", processor)
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    return (unitOfWork, chain) -> {
      EventMessage<?> event = unitOfWork.getMessage();
      Object result = chain.proceed();
      if (!ReplayToken.isReplay(event)) {
        unitOfWork.afterCommit(
            u -> timer.record(Duration.between(event.getTimestamp(), clock.instant())));
      }
      return result;
    };
  }
}
