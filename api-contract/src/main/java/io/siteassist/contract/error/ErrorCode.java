package io.siteassist.contract.error;

/**
 * The vocabulary of failures shared by the domain and the HTTP edge, with the status each maps to.
 */
public enum ErrorCode {
  INVALID_REQUEST_BODY(400),
  UNAUTHORIZED(401),
  PAYMENT_REQUIRED(402),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONVERSATION_NOT_FOUND(404),
  MESSAGE_NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  VALIDATION_ERROR(422),
  RATE_LIMIT_EXCEEDED(429),
  INTERNAL_SERVER_ERROR(500),
  BAD_GATEWAY(502),
  SERVICE_UNAVAILABLE(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
