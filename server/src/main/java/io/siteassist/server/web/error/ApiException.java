package io.siteassist.server.web.error;

import io.siteassist.contract.error.ErrorCode;
import java.util.Map;

/** A failure the edge itself detects (validation, access), answered with its code. */
public class ApiException extends RuntimeException {

  private final ErrorCode code;
  private final Map<String, ?> details;

  public ApiException(ErrorCode code, String message, Map<String, ?> details) {
    super(message, null, false, false);
    this.code = code;
    this.details = details == null ? Map.of() : details;
  }

  public static ApiException validation(String field, String reason) {
    return new ApiException(
        ErrorCode.VALIDATION_ERROR,
        "Invalid value for '" + field + "': " + reason,
        Map.of("field", field, "reason", reason));
  }

  public static ApiException invalidBody(String field, String message) {
    return new ApiException(
        ErrorCode.INVALID_REQUEST_BODY, message, field == null ? Map.of() : Map.of("field", field));
  }

  public static ApiException forbidden() {
    return new ApiException(
        ErrorCode.FORBIDDEN, "You do not have access to this resource.", Map.of());
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, ?> details() {
    return details;
  }
}
