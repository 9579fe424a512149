package io.siteassist.server.web.error;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.siteassist.contract.error.ErrorCode;
import io.siteassist.contract.error.ErrorDetails;
import io.siteassist.server.ops.DatabaseProbe;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that turns a failure inside Spring MVC into the SiteAssist error envelope. Domain
 * codes come from the {@link ErrorDetails} of Axon's execution exceptions, never from message text
 * or causes (which do not survive Axon Server).
 */
@RestControllerAdvice
@Order(0)
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
  static final int RETRY_AFTER_SECONDS = 5;

  private final ObjectProvider<DatabaseProbe> database;

  ApiExceptionHandler(ObjectProvider<DatabaseProbe> database) {
    this.database = database;
  }

  @ExceptionHandler(ApiException.class)
  void api(ApiException e, HttpServletResponse response) throws IOException {
    ErrorResponses.write(response, e.code(), e.getMessage(), e.details());
  }

  @ExceptionHandler(HandlerExecutionException.class)
  void handlerExecution(HandlerExecutionException e, HttpServletResponse response)
      throws IOException {
    ErrorDetails details =
        e.getDetails()
            .filter(ErrorDetails.class::isInstance)
            .map(ErrorDetails.class::cast)
            .orElse(null);
    if (details == null) {
      unexpected(e, response);
      return;
    }
    ErrorResponses.write(response, details.code(), details.message(), details.details());
  }

  @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
  void concurrency(Exception e, HttpServletResponse response) throws IOException {
    log.warn("Command still conflicting after retries: {}", e.getMessage());
    ErrorResponses.write(
        response,
        ErrorCode.CONFLICT,
        "The conversation was modified concurrently; try again.",
        Map.of("resource", "conversation", "conflictingField", "version"));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  void unreadable(HttpMessageNotReadableException e, HttpServletResponse response)
      throws IOException {
    if (RequestSizeLimitFilter.isTooLarge(e)) {
      tooLarge(response);
      return;
    }
    String field = null;
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
    }
    String message =
        e.getCause() instanceof MismatchedInputException && field != null
            ? "Invalid type for field '" + field + "'."
            : e.getCause() == null
                ? "A JSON request body is required."
                : "The request body is not valid JSON.";
    ErrorResponses.write(
        response,
        ErrorCode.INVALID_REQUEST_BODY,
        message,
        field == null ? Map.of() : Map.of("field", field));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  void typeMismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response)
      throws IOException {
    if (e.getParameter()
        .hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
      ErrorResponses.write(
          response,
          ErrorCode.INVALID_REQUEST_BODY,
          "'" + e.getName() + "' must be a UUID.",
          Map.of("field", e.getName()));
      return;
    }
    api(ApiException.validation(e.getName(), "has an invalid format"), response);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  void missingParameter(MissingServletRequestParameterException e, HttpServletResponse response)
      throws IOException {
    api(ApiException.validation(e.getParameterName(), "is required"), response);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  void methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletResponse response)
      throws IOException {
    if (e.getSupportedHttpMethods() != null) {
      response.setHeader(
          "Allow",
          e.getSupportedHttpMethods().stream()
              .map(Object::toString)
              .collect(Collectors.joining(", ")));
    }
    simple(ErrorCode.METHOD_NOT_ALLOWED, response);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  void unsupportedMediaType(HttpServletResponse response) throws IOException {
    simple(ErrorCode.UNSUPPORTED_MEDIA_TYPE, response);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  void notAcceptable(HttpServletResponse response) throws IOException {
    ErrorResponses.write(
        response,
        ErrorCode.INVALID_REQUEST_BODY,
        "The Accept header excludes every representation of this resource.",
        Map.of("field", "Accept"));
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  void notFound(HttpServletResponse response) throws IOException {
    simple(ErrorCode.NOT_FOUND, response);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  void uploadTooLarge(HttpServletResponse response) throws IOException {
    tooLarge(response);
  }

  @ExceptionHandler(AuthenticationException.class)
  void unauthenticated(HttpServletResponse response) throws IOException {
    simple(ErrorCode.UNAUTHORIZED, response);
  }

  @ExceptionHandler(AccessDeniedException.class)
  void accessDenied(HttpServletResponse response) throws IOException {
    simple(ErrorCode.FORBIDDEN, response);
  }

  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
  void storageUnavailable(Exception e, HttpServletResponse response) throws IOException {
    log.warn("Storage unavailable: {}", e.toString());
    unavailable(response);
  }

  @ExceptionHandler(Exception.class)
  void unexpected(Exception e, HttpServletResponse response) throws IOException {
    if (causedByUnavailableStorage(e) || causedByUnreachableAxonServer(e)) {
      storageUnavailable(e, response);
      return;
    }
    if (!databaseReachable()) {
      // A driver may fail in ways that name no connection problem (pgjdbc throws an
      // AssertionError when the connection dies inside a batch); whatever the failure, with the
      // database gone the honest answer is "unavailable, retry", not "bug".
      storageUnavailable(e, response);
      return;
    }
    log.error("Unexpected failure", e);
    simple(ErrorCode.INTERNAL_SERVER_ERROR, response);
  }

  static void unavailable(HttpServletResponse response) throws IOException {
    ErrorResponses.write(
        response,
        ErrorCode.SERVICE_UNAVAILABLE,
        ErrorResponses.defaultMessage(ErrorCode.SERVICE_UNAVAILABLE),
        Map.of("retryAfter", RETRY_AFTER_SECONDS));
  }

  private boolean databaseReachable() {
    DatabaseProbe probe = database.getIfAvailable();
    return probe == null || probe.reachable();
  }

  /** No node could take the message, or Axon Server itself is out of reach. */
  private static boolean causedByUnreachableAxonServer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoHandlerForCommandException
          || t instanceof NoHandlerForQueryException
          || t.getClass().getName().startsWith("org.axonframework.axonserver.connector.")
          || t.getClass().getName().startsWith("io.axoniq.axonserver.connector.")) {
        return true;
      }
    }
    return false;
  }

  private static boolean causedByUnavailableStorage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || (t instanceof java.sql.SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static void tooLarge(HttpServletResponse response) throws IOException {
    simple(ErrorCode.PAYLOAD_TOO_LARGE, response);
  }

  private static void simple(ErrorCode code, HttpServletResponse response) throws IOException {
    ErrorResponses.write(response, code, ErrorResponses.defaultMessage(code), Map.of());
  }
}
