package dev.sessionkit.examples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to what Jetty refuses before the app sees it (an ambiguous path such as {@code
 * /api/sessions/%2F}, a path nothing serves): {@code {"error":"bad request"}} and the like, for
 * every method, instead of Jetty's HTML page (or, for {@code DELETE}, an empty body). The body
 * names the status only: never the path, the message or a cause.
 */
final class JsonErrors extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int code =
        request.getAttribute(ERROR_STATUS) instanceof Integer status
            ? status
            : response.getStatus();
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (!HttpStatus.hasNoBody(code) && !request.getMethod().equals("HEAD")) {
      String reason = HttpStatus.getMessage(code).toLowerCase(Locale.ROOT);
      byte[] body = ("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
      response.write(true, ByteBuffer.wrap(body), callback);
    } else {
      callback.succeeded();
    }
    return true;
  }
}
