package io.siteassist.server.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the Axon Server suites against the server named by {@code AXON_SERVER_ADDRESS}, else in a
 * Testcontainers Axon Server where Docker is present, and otherwise skips them saying why.
 */
class AxonServerAvailable implements ExecutionCondition {

  static final String ENV = "AXON_SERVER_ADDRESS";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String address = System.getenv(ENV);
    if (address != null && !address.isBlank()) {
      return ConditionEvaluationResult.enabled("Axon Server at " + address + " (" + ENV + ")");
    }
    if (dockerAvailable()) {
      return ConditionEvaluationResult.enabled("Axon Server in a Testcontainers container");
    }
    return ConditionEvaluationResult.disabled(
        "Skipped: no Axon Server to test against. Set "
            + ENV
            + " (e.g. localhost:8124) to a running Axon Server, or run where Docker is available"
            + " so that Testcontainers can start one.");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
