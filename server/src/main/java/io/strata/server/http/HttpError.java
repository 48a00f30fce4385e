package io.strata.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error response. The body follows Druid's error JSON: {@code error}, {@code errorCode}, {@code persona},
 * {@code category}, {@code errorMessage}, {@code context} (Druid 27+ "DruidException" form), which also carries
 * the {@code error}/{@code errorMessage} keys older Druid clients read.
 */
public final class HttpError extends RuntimeException {
  private final int status;
  private final String errorCode;
  private final String category;
  private final Map<String, Object> context;

  private HttpError(int status, String errorCode, String category, String message, Map<String, Object> context) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.category = category;
    this.context = context;
  }

  public static HttpError badRequest(String message, String field) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    if (field != null) {
      ctx.put("field", field);
    }
    return new HttpError(400, "invalidInput", "INVALID_INPUT", message, ctx);
  }

  public static HttpError notFound(String message) {
    return new HttpError(404, "notFound", "NOT_FOUND", message, Map.of());
  }

  public static HttpError methodNotAllowed(String method, String path) {
    return new HttpError(405, "invalidInput", "INVALID_INPUT", "Method " + method + " is not allowed on " + path,
        Map.of());
  }

  public static HttpError timeout(String message) {
    return new HttpError(504, "timeout", "TIMEOUT", message, Map.of());
  }

  public static HttpError resourceLimit(String message) {
    return new HttpError(400, "resourceLimitExceeded", "CAPACITY_EXCEEDED", message, Map.of());
  }

  public static HttpError internal(String message) {
    return new HttpError(500, "internalError", "RUNTIME_FAILURE", message, Map.of());
  }

  public int status() {
    return status;
  }

  public Map<String, Object> body() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", "druidException");
    m.put("errorCode", errorCode);
    m.put("persona", status >= 500 ? "OPERATOR" : "USER");
    m.put("category", category);
    m.put("errorMessage", getMessage());
    m.put("context", context);
    return m;
  }
}
