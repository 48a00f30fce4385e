package io.strata.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
  private final String errorId;
  private final boolean logCause;
  /** The value of the {@code error} field: "druidException", or what Druid puts there for this kind of error. */
  private final String error;
  /** Fields Druid's own response has first, kept for clients that read them ({@code Access-Check-Result}). */
  private final Map<String, Object> leading;

  private HttpError(int status, String errorCode, String category, String message, Map<String, Object> context,
                    String errorId, boolean logCause, String error, Map<String, Object> leading) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.category = category;
    this.context = context;
    this.errorId = errorId;
    this.logCause = logCause;
    this.error = error;
    this.leading = leading;
  }

  private HttpError(int status, String errorCode, String category, String message, Map<String, Object> context,
                    String errorId, boolean logCause) {
    this(status, errorCode, category, message, context, errorId, logCause, "druidException", Map.of());
  }

  private HttpError(int status, String errorCode, String category, String message, Map<String, Object> context) {
    this(status, errorCode, category, message, context, null, false);
  }

  /**
   * A 400 of Druid's older APIs (the basic-security API, the overlord), whose body's {@code error} field is the
   * message itself: {@code {"error": "User [x] already exists.", ...}}.
   */
  public static HttpError badRequestLegacy(String message) {
    return new HttpError(400, "invalidInput", "INVALID_INPUT", message, Map.of(), null, false, message, Map.of());
  }

  /**
   * An error Druid reports through its legacy query exceptions: {@code error} is the legacy code ("Query timeout",
   * "Query context parse failed"), {@code errorCode} {@code legacyQueryException}, and {@code context} repeats the
   * legacy code.
   */
  static HttpError legacyQuery(int status, String legacyCode, String category, String message) {
    return new HttpError(status, "legacyQueryException", category, message, Map.of("legacyErrorCode", legacyCode),
        null, false, legacyCode, Map.of());
  }

  public static HttpError badRequest(String message, String field) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    if (field != null) {
      ctx.put("field", field);
    }
    return new HttpError(400, "invalidInput", "INVALID_INPUT", message, ctx);
  }

  /** A 400 whose cause is worth a line in the log (an input that reached a limit or a check it should not). */
  static HttpError badRequestLogged(String message, String field) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    if (field != null) {
      ctx.put("field", field);
    }
    return new HttpError(400, "invalidInput", "INVALID_INPUT", message, ctx, null, true);
  }

  /**
   * A 404 whose body is the message as plain text: what Druid's overlord answers for an unknown supervisor
   * ({@code Cannot find any supervisor with id: [x]}).
   */
  public static HttpError notFoundPlainText(String message) {
    return new HttpError(404, "notFound", "NOT_FOUND", message, Map.of(), null, false, PLAIN_TEXT, Map.of());
  }

  /** The {@code error} marker of an error sent as plain text. */
  private static final String PLAIN_TEXT = "\u0000plain";

  boolean plainText() {
    return PLAIN_TEXT.equals(error);
  }

  /** A 404 of Druid's older APIs, whose {@code error} field is the message itself. */
  public static HttpError notFoundLegacy(String message) {
    return new HttpError(404, "notFound", "NOT_FOUND", message, Map.of(), null, false, message, Map.of());
  }

  public static HttpError notFound(String message) {
    return new HttpError(404, "notFound", "NOT_FOUND", message, Map.of());
  }

  public static HttpError methodNotAllowed(String method, String path) {
    return new HttpError(405, "invalidInput", "INVALID_INPUT", "Method " + method + " is not allowed on " + path,
        Map.of());
  }

  public static HttpError unsupportedMediaType(String contentType) {
    return new HttpError(415, "invalidInput", "UNSUPPORTED", "Unsupported Content-Type [" + contentType
        + "]: send the request body as JSON with the header Content-Type: application/json", Map.of());
  }

  /** No credentials, or wrong ones: Druid's {@code {"error":"Unauthorized request", ...}}. */
  public static HttpError unauthorized(String message) {
    return new HttpError(401, "unauthorized", "UNAUTHORIZED", message, Map.of(), null, false, "Unauthorized request",
        Map.of());
  }

  /** Authenticated, but not allowed to do this: Druid's {@code {"Access-Check-Result":"Unauthorized"}}. */
  public static HttpError forbidden() {
    return new HttpError(403, "forbidden", "FORBIDDEN", "Unauthorized: you lack the permission this request needs",
        Map.of(), null, false, "Forbidden", Map.of("Access-Check-Result", "Unauthorized"));
  }

  /** A query that ran past its timeout: Druid's legacy "Query timeout" error, HTTP 504. */
  public static HttpError timeout(String message) {
    return legacyQuery(504, "Query timeout", "TIMEOUT", message);
  }

  /** The query was cancelled ({@code DELETE /druid/v2/{queryId}}): Druid's 500 with "Query cancelled". */
  public static HttpError cancelled(String message) {
    return legacyQuery(500, "Query cancelled", "CANCELED", message);
  }

  /** The server cannot take this now (a full buffer): HTTP 503; the client should retry. */
  public static HttpError unavailable(String message) {
    return new HttpError(503, "unavailable", "CAPACITY_EXCEEDED", message, Map.of());
  }

  /** Refused as a whole, not for lack of a permission: HTTP 403 with Druid's legacy {@code error} message. */
  public static HttpError forbiddenLegacy(String message) {
    return new HttpError(403, "forbidden", "FORBIDDEN", message, Map.of(), null, false, message, Map.of());
  }

  public static HttpError resourceLimit(String message) {
    return new HttpError(400, "resourceLimitExceeded", "CAPACITY_EXCEEDED", message, Map.of());
  }

  /** An unexpected failure: the body says only where to look; the log has the details under the error id. */
  public static HttpError internal() {
    String id = UUID.randomUUID().toString();
    return new HttpError(500, "internalError", "RUNTIME_FAILURE",
        "Internal error; the server log has the details under error id [" + id + "]", Map.of("errorId", id), id,
        true);
  }

  public int status() {
    return status;
  }

  String errorId() {
    return errorId;
  }

  boolean logCause() {
    return logCause;
  }

  public Map<String, Object> body() {
    Map<String, Object> m = new LinkedHashMap<>(leading);
    m.put("error", ErrorTranslation.scrub(error));
    m.put("errorCode", errorCode);
    m.put("persona", status >= 500 ? "OPERATOR" : "USER");
    m.put("category", category);
    m.put("errorMessage", ErrorTranslation.scrub(getMessage()));
    m.put("context", context);
    return m;
  }
}
