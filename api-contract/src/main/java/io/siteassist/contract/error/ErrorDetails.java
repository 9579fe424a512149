package io.siteassist.contract.error;

import java.util.Map;

/**
 * A rejected command or query as it crosses the wire: Axon carries it as the details of a {@code
 * CommandExecutionException} or {@code QueryExecutionException}, so the edge maps the code without
 * looking at exception causes or message text.
 */
public record ErrorDetails(ErrorCode code, String message, Map<String, String> details) {

  public ErrorDetails {
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
