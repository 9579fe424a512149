package io.siteassist.query.support;

import io.siteassist.contract.error.ErrorCode;
import io.siteassist.contract.error.ErrorDetails;
import java.util.Map;
import org.axonframework.queryhandling.QueryExecutionException;

/**
 * Refusals of query handlers, as {@link QueryExecutionException}s whose details carry the error
 * code: the details, unlike the cause, cross Axon Server intact.
 */
public final class Rejections {

  private Rejections() {}

  public static QueryExecutionException conversationNotFound(Object conversationId) {
    return rejection(
        ErrorCode.CONVERSATION_NOT_FOUND,
        "Conversation not found.",
        Map.of("conversationId", String.valueOf(conversationId)));
  }

  public static QueryExecutionException messageNotFound(Object messageId) {
    return rejection(
        ErrorCode.MESSAGE_NOT_FOUND,
        "Message not found.",
        Map.of("messageId", String.valueOf(messageId)));
  }

  public static QueryExecutionException forbidden(String what) {
    return rejection(ErrorCode.FORBIDDEN, "You do not have access to this " + what + ".", Map.of());
  }

  private static QueryExecutionException rejection(
      ErrorCode code, String message, Map<String, String> details) {
    return new QueryExecutionException(message, null, new ErrorDetails(code, message, details));
  }
}
