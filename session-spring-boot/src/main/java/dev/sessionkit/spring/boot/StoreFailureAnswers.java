package dev.sessionkit.spring.boot;

import dev.sessionkit.servlet.StoreFailureHandler;
import java.nio.charset.StandardCharsets;

/**
 * The answers {@code sessionkit.filter.store-failure} names for a request whose session store
 * failed. None of them carries a stack trace or a session id.
 */
final class StoreFailureAnswers {

  private static final byte[] JSON_BODY =
      "{\"error\":\"session store unavailable\"}".getBytes(StandardCharsets.UTF_8);

  private StoreFailureAnswers() {}

  /**
   * The handler for the filter's settings.
   *
   * @throws SessionKitSetupException when the status is not a 4xx or 5xx
   */
  static StoreFailureHandler of(FilterProperties settings) {
    int status = settings.getStoreFailureStatus();
    if (status < 400 || status > 599) {
      throw new SessionKitSetupException(
          "sessionkit.filter.store-failure-status must be a 4xx or 5xx status: " + status,
          "Leave it unset for 503, or give another error status.");
    }
    return switch (settings.getStoreFailure()) {
      case JSON ->
          (request, response, failure) -> {
            response.setStatus(status);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.setContentLength(JSON_BODY.length);
            response.getOutputStream().write(JSON_BODY);
          };
      case ERROR_PAGE ->
          (request, response, failure) -> {
            response.setHeader("Cache-Control", "no-store");
            response.sendError(status, "session store unavailable");
          };
      case STATUS ->
          (request, response, failure) -> {
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(status);
            response.setContentLength(0);
          };
    };
  }
}
