package io.siteassist.server.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.siteassist.contract.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the one error envelope, {@code {"error":{"message","code","details"}}}, straight to the
 * response: no content negotiation can turn an error into something else, whatever the request's
 * Accept header says.
 */
public final class ErrorResponses {

  static final ObjectMapper JSON = new ObjectMapper();

  private ErrorResponses() {}

  public static void write(
      HttpServletResponse response, ErrorCode code, String message, Map<String, ?> details)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(code.httpStatus());
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    Object retryAfter = details == null ? null : details.get("retryAfter");
    if (retryAfter != null) {
      response.setHeader("Retry-After", String.valueOf(retryAfter));
    }
    response.getOutputStream().write(body(code, message, details));
    response.flushBuffer();
  }

  public static byte[] body(ErrorCode code, String message, Map<String, ?> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("code", code.name());
    if (details != null && !details.isEmpty()) {
      error.put("details", details);
    }
    try {
      return JSON.writeValueAsBytes(Map.of("error", error));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The code that stands for an HTTP status when nothing more is known of the failure. */
  public static ErrorCode codeForStatus(int status) {
    return switch (status) {
      case 400 -> ErrorCode.INVALID_REQUEST_BODY;
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 402 -> ErrorCode.PAYMENT_REQUIRED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 409 -> ErrorCode.CONFLICT;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 422 -> ErrorCode.VALIDATION_ERROR;
      case 429 -> ErrorCode.RATE_LIMIT_EXCEEDED;
      case 502 -> ErrorCode.BAD_GATEWAY;
      case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
      default ->
          status >= 400 && status < 500
              ? ErrorCode.INVALID_REQUEST_BODY
              : ErrorCode.INTERNAL_SERVER_ERROR;
    };
  }

  /** The generic message for a code, used when the failure's own text must not be shown. */
  public static String defaultMessage(ErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST_BODY -> "The request is malformed.";
      case UNAUTHORIZED -> "Missing or invalid credentials.";
      case PAYMENT_REQUIRED -> "This feature needs a higher plan.";
      case FORBIDDEN -> "You do not have access to this resource.";
      case NOT_FOUND -> "No such resource.";
      case CONVERSATION_NOT_FOUND -> "Conversation not found.";
      case MESSAGE_NOT_FOUND -> "Message not found.";
      case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
      case CONFLICT -> "The request conflicts with the resource's state.";
      case PAYLOAD_TOO_LARGE -> "The request body is too large.";
      case UNSUPPORTED_MEDIA_TYPE -> "Unsupported content type; send application/json.";
      case VALIDATION_ERROR -> "The request failed validation.";
      case RATE_LIMIT_EXCEEDED -> "Too many requests.";
      case INTERNAL_SERVER_ERROR -> "An unexpected error occurred.";
      case BAD_GATEWAY -> "The AI model service failed.";
      case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable.";
    };
  }
}
