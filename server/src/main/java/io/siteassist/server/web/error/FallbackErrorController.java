package io.siteassist.server.web.error;

import io.siteassist.contract.error.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (by filters, or by the servlet container's {@code sendError})
 * are forwarded here; they get the same envelope, with the code that stands for their status.
 */
@RestController
class FallbackErrorController implements ErrorController {

  @RequestMapping("/error")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : 500;
    Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (exception instanceof Throwable t && RequestSizeLimitFilter.isTooLarge(t)) {
      code = 413;
    }
    ErrorCode errorCode = ErrorResponses.codeForStatus(code < 400 ? 500 : code);
    ErrorResponses.write(
        response,
        errorCode,
        ErrorResponses.defaultMessage(errorCode),
        errorCode == ErrorCode.SERVICE_UNAVAILABLE
            ? Map.of("retryAfter", ApiExceptionHandler.RETRY_AFTER_SECONDS)
            : Map.of());
  }
}
