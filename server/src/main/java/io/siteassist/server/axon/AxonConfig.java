package io.siteassist.server.axon;

import io.siteassist.command.rules.RuleViolationTranslator;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon wiring that properties cannot express: the command-side error translation, aggregate caching
 * and snapshots, and a command gateway that retries a lost optimistic-concurrency race.
 */
@Configuration
class AxonConfig {

  static final String UNIQUE_VIOLATION = "23505";

  private static final String CONVERSATION_CACHE = "conversations";

  /**
   * The event store over the JDBC engine (embedded and PostgreSQL modes). Events appended in this
   * process wake its processors at once; events of other instances are found by polling, every
   * {@code siteassist.event-store-fetch-delay} when idle.
   */
  @Bean
  @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
  EventStorageEngine eventStorageEngine(
      Serializer defaultSerializer,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      org.axonframework.config.Configuration configuration,
      ConnectionProvider connectionProvider,
      TransactionManager transactionManager,
      @Value("${siteassist.event-store-batch-size:100}") int batchSize) {
    // as Axon's JdbcAutoConfiguration builds it (with the default table names that
    // V1__axon_event_store.sql creates), declared here because that one backs off as soon as an
    // EventStore bean exists. Its exception resolver only knows SQLIntegrityConstraintViolation,
    // which PostgreSQL's driver never throws: a lost append race then surfaced as a bare
    // EventStoreException instead of a retryable ConcurrencyException. The SQL state is the
    // portable signal of a duplicate key (23505 on PostgreSQL and H2 alike).
    return JdbcEventStorageEngine.builder()
        .snapshotSerializer(defaultSerializer)
        .upcasterChain(configuration.upcasterChain())
        .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
        .eventSerializer(eventSerializer)
        .snapshotFilter(configuration.snapshotFilter())
        .connectionProvider(connectionProvider)
        .transactionManager(transactionManager)
        .schema(new EventSchema())
        .readEventDataWithGaps(GapReads::readEventDataWithGaps)
        .batchSize(batchSize)
        .build();
  }

  @Bean
  @Primary
  @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
  EmbeddedEventStore eventStore(
      EventStorageEngine storageEngine,
      org.axonframework.config.Configuration configuration,
      @Value("${siteassist.event-store-fetch-delay:1s}") Duration fetchDelay) {
    return EmbeddedEventStore.builder()
        .storageEngine(storageEngine)
        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
        .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
        .fetchDelay(fetchDelay.toMillis())
        .build();
  }

  /**
   * The query bus of the embedded and PostgreSQL modes, built as Axon's auto-configuration builds
   * it but without a transaction around each query. Every query here reads with statements that
   * each see committed rows (one statement for a conversation or a page, READ COMMITTED on both
   * databases), so the transaction bought nothing and cost a commit per query: a round trip on
   * PostgreSQL. (With Axon Server its own query bus is configured, as Axon documents it.)
   */
  @Bean
  @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
  SimpleQueryBus queryBus(org.axonframework.config.Configuration configuration) {
    return SimpleQueryBus.builder()
        .messageMonitor(configuration.messageMonitor(QueryBus.class, "queryBus"))
        .errorHandler(
            configuration.getComponent(
                QueryInvocationErrorHandler.class,
                () -> LoggingQueryInvocationErrorHandler.builder().build()))
        .queryUpdateEmitter(configuration.getComponent(QueryUpdateEmitter.class))
        .spanFactory(configuration.getComponent(QueryBusSpanFactory.class))
        .build();
  }

  /**
   * Tokens in the application database, claimed under a node id unique to this instance. Axon's
   * default owner is the JVM's {@code pid@host}, which two instances in one JVM, or two containers
   * that both run as pid 1 on equal hostnames, would share: both would then believe they own every
   * segment and project the same events at once.
   */
  @Bean
  TokenStore tokenStore(
      ConnectionProvider connectionProvider,
      Serializer serializer,
      TokenStoreProperties properties,
      @Value("${siteassist.node-id:}") String configuredNodeId) {
    String nodeId =
        configuredNodeId.isBlank()
            ? ManagementFactory.getRuntimeMXBean().getName()
                + "/"
                + UUID.randomUUID().toString().substring(0, 8)
            : configuredNodeId;
    return JdbcTokenStore.builder()
        .connectionProvider(connectionProvider)
        .schema(new TokenSchema())
        .serializer(serializer)
        .claimTimeout(properties.getClaimTimeout())
        .nodeId(nodeId)
        .build();
  }

  @Bean
  RuleViolationTranslator ruleViolationTranslator() {
    return new RuleViolationTranslator();
  }

  /** Loading a long conversation must not replay all its messages. */
  @Bean
  SnapshotTriggerDefinition conversationSnapshotTrigger(
      Snapshotter snapshotter, @Value("${siteassist.snapshot-threshold:100}") int threshold) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
  }

  /**
   * The most recently used conversations stay loaded, up to {@code siteassist.aggregate-cache-size}
   * of them: a command on one of them neither reads its events nor its snapshot. Axon's weak
   * reference cache lost its entries at every young collection under load, so nearly every command
   * replayed the conversation. An entry that another instance made stale fails its append on the
   * sequence number, is evicted by the rollback, and the retried command loads it afresh.
   */
  @Bean(destroyMethod = "close")
  CacheManager aggregateCacheManager(
      @Value("${siteassist.aggregate-cache-size:4096}") long entries) {
    return CacheManagerBuilder.newCacheManagerBuilder()
        .withCache(
            CONVERSATION_CACHE,
            CacheConfigurationBuilder.newCacheConfigurationBuilder(
                Object.class, Object.class, ResourcePoolsBuilder.heap(entries)))
        .build(true);
  }

  @Bean
  Cache conversationCache(CacheManager aggregateCacheManager) {
    return new EhCache3Adapter(
        (Ehcache<?, ?>)
            aggregateCacheManager.getCache(CONVERSATION_CACHE, Object.class, Object.class));
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService commandRetryExecutor() {
    return Executors.newScheduledThreadPool(
        2,
        runnable -> {
          Thread thread = new Thread(runnable, "command-retry");
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Two writers of one conversation on different nodes race on its sequence number; the loser is
   * retried (reloading the aggregate), never reported as lost. Any other failure is final.
   */
  @Bean
  CommandGateway commandGateway(
      CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
    return DefaultCommandGateway.builder()
        .commandBus(commandBus)
        .retryScheduler(new ConcurrencyRetryScheduler(commandRetryExecutor, 10, 10))
        .build();
  }
}
