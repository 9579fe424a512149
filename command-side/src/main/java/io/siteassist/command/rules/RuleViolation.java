package io.siteassist.command.rules;

import io.siteassist.contract.error.ErrorCode;
import io.siteassist.contract.error.ErrorDetails;
import java.util.Map;
import org.axonframework.common.AxonNonTransientException;

/**
 * The one way a command is refused: a named rule was broken. It carries an error code so the edge
 * can answer without reading the message; being non-transient, it is never retried.
 */
public class RuleViolation extends AxonNonTransientException {

  private final ErrorDetails details;

  public RuleViolation(ErrorCode code, String message, Map<String, String> details) {
    super(message);
    this.details = new ErrorDetails(code, message, details);
  }

  public ErrorDetails details() {
    return details;
  }
}
