package io.strata.server.http;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.strata.api.json.Json;
import io.strata.server.security.BasicSecurity;
import io.strata.server.security.ResourceAction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP front: routes requests to actions, checks who may call them, writes their results as JSON
 * ({@code ?pretty} indents), and turns every failure into Druid's error JSON with the right status — never a stack
 * trace or a Java class name ({@link ErrorTranslation}).
 *
 * <p>Paths are matched segment by segment after percent-decoding each segment once, so a datasource or task id may
 * hold any character a client can encode ({@code %25} for '%', {@code %20} for a space).
 */
public final class HttpApi extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final ObjectWriter COMPACT = Json.MAPPER.writer();
  private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

  private final List<Route> routes = new ArrayList<>();
  private final long maxBodyBytes;
  private final BasicSecurity security;
  private final List<String> corsAllowedOrigins;

  public HttpApi(long maxBodyBytes, BasicSecurity security, List<String> corsAllowedOrigins) {
    this.maxBodyBytes = maxBodyBytes;
    this.security = security;
    this.corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }

  /** A GET route any authenticated caller may use; the action checks what it reads. */
  public HttpApi get(String pattern, Route.Action action) {
    return add("GET", pattern, action, Route.Access.AUTHENTICATED, false);
  }

  /** A GET route that needs one fixed permission. */
  public HttpApi get(String pattern, ResourceAction permission, Route.Action action) {
    return add("GET", pattern, action, Route.Access.requires(permission), false);
  }

  /** A GET route open to anyone, without credentials. */
  public HttpApi getPublic(String pattern, Route.Action action) {
    return add("GET", pattern, action, Route.Access.PUBLIC, false);
  }

  /** A POST route whose body is JSON: other content types (and none) are refused with 415. */
  public HttpApi postJson(String pattern, Route.Action action) {
    return add("POST", pattern, action, Route.Access.AUTHENTICATED, true);
  }

  /** A POST route whose body is JSON, also when the request names no content type (Druid's native query). */
  public HttpApi postJsonOrUntyped(String pattern, Route.Action action) {
    routes.add(new Route("POST", pattern, action, Route.Access.AUTHENTICATED, true, true));
    return this;
  }

  public HttpApi postJson(String pattern, ResourceAction permission, Route.Action action) {
    return add("POST", pattern, action, Route.Access.requires(permission), true);
  }

  /** A POST route that reads no body. */
  public HttpApi post(String pattern, Route.Action action) {
    return add("POST", pattern, action, Route.Access.AUTHENTICATED, false);
  }

  public HttpApi post(String pattern, ResourceAction permission, Route.Action action) {
    return add("POST", pattern, action, Route.Access.requires(permission), false);
  }

  public HttpApi delete(String pattern, Route.Action action) {
    return add("DELETE", pattern, action, Route.Access.AUTHENTICATED, false);
  }

  public HttpApi delete(String pattern, ResourceAction permission, Route.Action action) {
    return add("DELETE", pattern, action, Route.Access.requires(permission), false);
  }

  private HttpApi add(String method, String pattern, Route.Action action, Route.Access access, boolean readsJson) {
    routes.add(new Route(method, pattern, action, access, readsJson));
    return this;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String rawPath = request.getHttpURI().getPath();
    boolean pretty = false;
    int status = 200;
    Object body;
    HttpExchange exchange = null;
    try {
      Fields query = queryParameters(request);
      pretty = query.get("pretty") != null;
      if (applyCors(request, response)) {
        response.setStatus(204);
        response.write(true, null, callback);
        return true;
      }
      String[] parts = decodedSegments(rawPath);
      Route route = null;
      Map<String, String> captured = null;
      boolean pathKnown = false;
      for (Route r : routes) {
        Map<String, String> c = r.match(parts);
        if (c == null) {
          continue;
        }
        pathKnown = true;
        if (r.method().equals(request.getMethod())) {
          route = r;
          captured = c;
          break;
        }
      }
      BasicSecurity.Identity identity = BasicSecurity.Identity.UNSECURED;
      if (security.enabled() && !(route != null && route.access() instanceof Route.Public)) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        identity = security.authenticate(authorization);
        if (identity == null) {
          response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic");
          throw HttpError.unauthorized(authorization == null ? "Unauthorized request: send credentials with HTTP "
              + "Basic authentication" : "User authentication failed.");
        }
      }
      if (route == null) {
        throw pathKnown ? HttpError.methodNotAllowed(request.getMethod(), rawPath)
            : HttpError.notFound("No such endpoint: " + request.getMethod() + " " + rawPath);
      }
      if (route.access() instanceof Route.Requires r && !security.isAllowed(identity, r.permission())) {
        throw HttpError.forbidden();
      }
      if (route.readsJson()) {
        checkJsonContentType(request, route.jsonOptional());
      } else if (request.getMethod().equals("POST")) {
        refuseFormPost(request);
      }
      exchange = new HttpExchange(request, captured, query, maxBodyBytes, security, identity);
      Object result = route.action().handle(exchange);
      if (result instanceof HttpResult r) {
        status = r.status();
        body = r.body();
      } else {
        body = result;
      }
    } catch (Throwable t) {
      HttpError error = ErrorTranslation.toHttpError(t);
      status = error.status();
      body = error.plainText() ? new HttpResult.PlainText(error.getMessage()) : error.body();
      boolean bodyLeft = exchange == null
          ? request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)
          : !exchange.bodyConsumed();
      if (bodyLeft) {
        // The body is unread: the connection cannot carry another request, and the client must know that now,
        // not find it closed when it sends the next one.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      if (status >= 500 && isCancellation(t)) {
        LOG.info("{} {} cancelled", request.getMethod(), rawPath);
      } else if (status >= 500) {
        LOG.error("{} {} failed (error id {})", request.getMethod(), rawPath, error.errorId(), t);
      } else if (error.logCause()) {
        LOG.warn("{} {} refused: {}", request.getMethod(), rawPath, error.getMessage(), t);
      }
    }
    response.setStatus(status);
    if (exchange != null) {
      exchange.responseHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
    }
    if (body == null) {
      response.write(true, null, callback);
      return true;
    }
    if (body instanceof HttpResult.PlainText text) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
      response.write(true, java.nio.ByteBuffer.wrap(text.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          callback);
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    // Streamed: a large result is written as it is serialized, never held as one byte array.
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      (pretty ? PRETTY : COMPACT).writeValue(out, body);
    } catch (IOException | RuntimeException e) {
      // Mid-response, the status is sent: all that can be done is to end the response so the client sees it cut.
      LOG.error("Could not write the response to {} {}", request.getMethod(), rawPath, e);
      callback.failed(e);
      return true;
    }
    callback.succeeded();
    return true;
  }

  private static boolean isCancellation(Throwable t) {
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof io.strata.query.exec.QueryCancelledException) {
        return true;
      }
    }
    return false;
  }

  private static Fields queryParameters(Request request) {
    String q = request.getHttpURI().getQuery();
    Fields fields = new Fields(true);
    if (q == null || q.isEmpty()) {
      return fields;
    }
    try {
      UrlEncoded.decodeTo(q, fields::add, StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      throw HttpError.badRequest("Malformed query string: " + ErrorTranslation.scrub(e.getMessage()), null);
    }
    return fields;
  }

  /**
   * The path's segments, each percent-decoded once as UTF-8 ('+' stays '+': it means a space only in query
   * strings).
   *
   * @throws HttpError 400 for a malformed escape or bytes that are not UTF-8
   */
  static String[] decodedSegments(String rawPath) {
    String[] raw = Route.segments(rawPath == null ? "" : rawPath);
    String[] out = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = percentDecode(raw[i]);
    }
    return out;
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] bytes = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw malformedPath();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw malformedPath();
        }
        bytes[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else {
        byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (n + enc.length > bytes.length) {
          bytes = Arrays.copyOf(bytes, bytes.length + enc.length + 16);
        }
        System.arraycopy(enc, 0, bytes, n, enc.length);
        n += enc.length;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw malformedPath();
    }
  }

  private static HttpError malformedPath() {
    return HttpError.badRequest("Malformed URL path: every '%' must start an escape of two hex digits, and the "
        + "escapes must spell UTF-8", null);
  }

  /**
   * Only JSON may be posted to a route that reads JSON (Druid answers other types with 415 too); a request without
   * a Content-Type passes where Druid lets it ({@code /druid/v2}). A browser's plain form post always carries one.
   */
  private static void checkJsonContentType(Request request, boolean missingAllowed) {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null && missingAllowed) {
      return;
    }
    String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
      throw HttpError.unsupportedMediaType(type);
    }
  }

  /**
   * A POST that reads no body still changes state (create a user, assign a role, shut a task down): one with the
   * content type of an HTML form, which any web page can make a browser send without asking (with the browser's
   * saved credentials), is refused with 415.
   */
  private static void refuseFormPost(Request request) {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (mime.equals("application/x-www-form-urlencoded") || mime.equals("multipart/form-data")
        || mime.equals("text/plain")) {
      throw HttpError.unsupportedMediaType(type);
    }
  }

  /**
   * Adds CORS headers for an allowed {@code Origin} (none are allowed unless configured); true if the request was a
   * preflight that is now answered.
   */
  private boolean applyCors(Request request, Response response) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null || corsAllowedOrigins.isEmpty()) {
      return false;
    }
    if (corsAllowedOrigins.contains(origin)) {
      // A listed origin may send credentials.
      response.getHeaders().put("Access-Control-Allow-Origin", origin);
      response.getHeaders().put(HttpHeader.VARY, "Origin");
      response.getHeaders().put("Access-Control-Allow-Credentials", "true");
    } else if (corsAllowedOrigins.contains("*")) {
      // Any origin, but never with credentials: a browser then sends no saved login along.
      response.getHeaders().put("Access-Control-Allow-Origin", "*");
    } else {
      return false;
    }
    if (request.getMethod().equals("OPTIONS")) {
      response.getHeaders().put("Access-Control-Allow-Methods", "GET, POST, DELETE");
      response.getHeaders().put("Access-Control-Allow-Headers", "Authorization, Content-Type");
      response.getHeaders().put("Access-Control-Max-Age", "600");
      return true;
    }
    return false;
  }
}
