package io.strata.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.strata.api.error.InvalidInputException;
import io.strata.api.error.ResourceLimitException;
import io.strata.api.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP front: routes requests to actions, writes their results as JSON ({@code ?pretty} indents), and turns
 * every failure into Druid's error JSON with the right status — never a stack trace.
 */
public final class HttpApi extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final ObjectWriter COMPACT = Json.MAPPER.writer();
  private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

  private final List<Route> routes = new ArrayList<>();
  private final long maxBodyBytes;

  public HttpApi(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  public HttpApi get(String pattern, Route.Action action) {
    routes.add(new Route("GET", pattern, action));
    return this;
  }

  public HttpApi post(String pattern, Route.Action action) {
    routes.add(new Route("POST", pattern, action));
    return this;
  }

  public HttpApi delete(String pattern, Route.Action action) {
    routes.add(new Route("DELETE", pattern, action));
    return this;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String[] parts = Route.split(path);
    boolean pretty = false;
    int status = 200;
    Object body;
    try {
      HttpExchange exchange = null;
      Route.Action action = null;
      boolean pathKnown = false;
      for (Route r : routes) {
        Map<String, String> captured = r.match(parts);
        if (captured == null) {
          continue;
        }
        pathKnown = true;
        if (r.method().equals(request.getMethod())) {
          exchange = new HttpExchange(request, captured, maxBodyBytes);
          action = r.action();
          break;
        }
      }
      if (action == null) {
        throw pathKnown ? HttpError.methodNotAllowed(request.getMethod(), path)
            : HttpError.notFound("No such endpoint: " + request.getMethod() + " " + path);
      }
      pretty = exchange.hasParam("pretty");
      Object result = action.handle(exchange);
      if (result instanceof HttpResult r) {
        status = r.status();
        body = r.body();
      } else {
        body = result;
      }
    } catch (Throwable t) {
      HttpError error = toHttpError(t);
      status = error.status();
      body = error.body();
      if (status >= 500) {
        LOG.error("{} {} failed", request.getMethod(), path, t);
      }
    }
    byte[] bytes;
    try {
      bytes = (pretty ? PRETTY : COMPACT).writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      status = 500;
      bytes = ("{\"error\":\"druidException\",\"errorMessage\":\"could not serialize the response\"}").getBytes();
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  /** Maps any failure to the error response a Druid client expects. */
  static HttpError toHttpError(Throwable t) {
    Throwable cause = t;
    // Jackson wraps exceptions thrown by record constructors; the real reason is inside.
    while ((cause instanceof ValueInstantiationException || cause instanceof java.util.concurrent.ExecutionException
        || cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    // A spec or query constructor (or deserializer) that refused a value says best what is wrong.
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpError h) {
        return h;
      }
      if (c instanceof InvalidInputException e) {
        return HttpError.badRequest(e.getMessage(), e.field());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    if (cause instanceof InvalidTypeIdException e) {
      return HttpError.badRequest(describeTypeId(e), fieldPath(e));
    }
    if (cause instanceof MismatchedInputException e) {
      return HttpError.badRequest("Invalid value for field [" + fieldPath(e) + "]: " + e.getOriginalMessage(),
          fieldPath(e));
    }
    if (cause instanceof JsonProcessingException e) {
      return HttpError.badRequest("Malformed JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr()), null);
    }
    if (cause instanceof ResourceLimitException e) {
      return HttpError.resourceLimit(e.getMessage());
    }
    if (cause.getClass().getSimpleName().equals("QueryTimeoutException")) {
      return HttpError.timeout(cause.getMessage());
    }
    return HttpError.internal(cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
  }

  private static String describeTypeId(InvalidTypeIdException e) {
    String property = e.getPath().isEmpty() ? "type" : fieldPath(e);
    String base = e.getBaseType() == null ? "value" : e.getBaseType().getRawClass().getSimpleName();
    StringBuilder known = new StringBuilder();
    if (e.getBaseType() != null) {
      var sub = e.getBaseType().getRawClass().getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
      if (sub != null) {
        for (var t : sub.value()) {
          for (String n : t.names().length > 0 ? t.names() : new String[] {t.name()}) {
            if (!known.isEmpty()) {
              known.append(", ");
            }
            known.append(n);
          }
        }
      }
    }
    String id = e.getTypeId();
    String what = id == null ? "Missing type id" : "Unknown type [" + id + "]";
    return what + " for " + base + " at [" + property + "]" + (known.isEmpty() ? "" : "; known types: " + known);
  }

  private static String fieldPath(JsonProcessingException e) {
    if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m) || m.getPath().isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (var ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
