package io.siteassist.server.config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code siteassist.roles} decides which handlers this node registers: {@code command} (the
 * aggregates), {@code query} (projections and query handlers), or both (the default). Every node
 * serves the whole HTTP API; with Axon Server, commands and queries are routed to a node that
 * handles them. Without Axon Server nothing routes between nodes, so every node must have both.
 */
@Configuration(proxyBeanMethods = false)
public class RolesConfig {

  public static final String PROPERTY = "siteassist.roles";
  public static final String COMMAND = "command";
  public static final String QUERY = "query";

  public static Set<String> roles(Environment environment) {
    String value = environment.getProperty(PROPERTY, COMMAND + "," + QUERY);
    Set<String> roles =
        Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(r -> !r.isEmpty())
            .collect(Collectors.toSet());
    if (roles.isEmpty() || !Set.of(COMMAND, QUERY).containsAll(roles)) {
      throw new IllegalStateException(
          PROPERTY + " must list command, query or both; it is '" + value + "'");
    }
    boolean axonServer = environment.getProperty("axon.axonserver.enabled", Boolean.class, true);
    if (!axonServer && roles.size() < 2) {
      throw new IllegalStateException(
          PROPERTY
              + "="
              + value
              + " needs Axon Server to route messages between nodes; without it every node must"
              + " have both roles (projections still split across nodes by token claims)");
    }
    return roles;
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(CommandRole.class)
  @ComponentScan("io.siteassist.command")
  static class CommandSide {}

  @Configuration(proxyBeanMethods = false)
  @Conditional(QueryRole.class)
  @ComponentScan("io.siteassist.query")
  static class QuerySide {}

  /** Matches when {@code siteassist.roles} includes the role. */
  abstract static class RoleCondition extends SpringBootCondition {
    private final String role;

    RoleCondition(String role) {
      this.role = role;
    }

    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      return roles(context.getEnvironment()).contains(role)
          ? ConditionOutcome.match(role + " role")
          : ConditionOutcome.noMatch("no " + role + " role");
    }
  }

  static class CommandRole extends RoleCondition {
    CommandRole() {
      super(COMMAND);
    }
  }

  static class QueryRole extends RoleCondition {
    QueryRole() {
      super(QUERY);
    }
  }
}
