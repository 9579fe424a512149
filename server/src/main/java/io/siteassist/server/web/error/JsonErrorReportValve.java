package io.siteassist.server.web.error;

import io.siteassist.contract.error.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error report (for requests it rejects before any servlet runs: a malformed URL, an
 * illegal header) in the SiteAssist envelope instead of Tomcat's HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    ErrorCode code = ErrorResponses.codeForStatus(status);
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      OutputStream out = response.getOutputStream();
      out.write(ErrorResponses.body(code, ErrorResponses.defaultMessage(code), Map.of()));
      out.flush();
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response already has a body: nothing more can be said
    }
  }
}
