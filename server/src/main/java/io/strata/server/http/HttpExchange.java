package io.strata.server.http;

import io.strata.api.json.Json;
import io.strata.server.security.BasicSecurity;
import io.strata.server.security.ResourceAction;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The parts of a request a route reads: path values, query parameters, the (size-limited) body, and who is asking
 * ({@link #identity()}, with {@link #authorize} and {@link #isAllowed} to check what they may do).
 */
public final class HttpExchange {
  private final Request request;
  private final Map<String, String> pathValues;
  private final Fields query;
  private final long maxBodyBytes;
  private final BasicSecurity security;
  private final BasicSecurity.Identity identity;
  /** True once the whole request body has been read (or drained): the connection can carry another request. */
  private boolean bodyConsumed;
  /** Headers the route adds to its response (also to an error response). */
  private final Map<String, String> responseHeaders = new java.util.LinkedHashMap<>();

  HttpExchange(Request request, Map<String, String> pathValues, Fields query, long maxBodyBytes,
               BasicSecurity security, BasicSecurity.Identity identity) {
    this.request = request;
    this.pathValues = pathValues;
    this.query = query;
    this.maxBodyBytes = maxBodyBytes;
    this.security = security;
    this.identity = identity;
  }

  /** Adds a header to the response, whether the route then answers or fails. */
  public void setResponseHeader(String name, String value) {
    responseHeaders.put(name, value);
  }

  Map<String, String> responseHeaders() {
    return responseHeaders;
  }

  public String path(String name) {
    return pathValues.get(name);
  }

  /** A query parameter's value, or null. A parameter given without value ({@code ?pretty}) reads as "". */
  public String param(String name) {
    Fields.Field f = query.get(name);
    return f == null ? null : (f.getValue() == null ? "" : f.getValue());
  }

  public boolean hasParam(String name) {
    return query.get(name) != null;
  }

  public HttpFields headers() {
    return request.getHeaders();
  }

  /** Who made the request ({@link BasicSecurity.Identity#UNSECURED} when security is off). */
  public BasicSecurity.Identity identity() {
    return identity;
  }

  /** True if the caller may do {@code wanted} (always, when security is off). */
  public boolean isAllowed(ResourceAction wanted) {
    return security.isAllowed(identity, wanted);
  }

  /** @throws HttpError 403 if the caller may not do {@code wanted} */
  public void authorize(ResourceAction wanted) {
    if (!isAllowed(wanted)) {
      throw HttpError.forbidden();
    }
  }

  /**
   * The request body, at most the configured size.
   *
   * @throws HttpError 400 past the size limit, or when the body ends before its announced length or stops arriving
   */
  public byte[] body() {
    // The size is checked while reading rather than from Content-Length up front: a client still sending its body
    // when the answer comes often misses the answer.
    long declared = request.getLength();
    try (InputStream in = Request.asInputStream(request)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 && declared <= maxBodyBytes ? (int) declared
          : 8192);
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBodyBytes) {
          // Read on (up to four times the limit) before answering, so that a client still sending gets to read the
          // refusal instead of a reset connection.
          long drained = total;
          while (drained <= 4 * maxBodyBytes && (n = in.read(buf)) > 0) {
            drained += n;
          }
          bodyConsumed = n < 0;
          throw tooLarge();
        }
        out.write(buf, 0, n);
      }
      bodyConsumed = true;
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      if (e instanceof HttpError h) {
        throw h;
      }
      throw HttpError.badRequest("The request body could not be read: it ended before the length the request "
          + "announced, or stopped arriving", null);
    }
  }

  /** True if the request carried no body, or it was read to its end. */
  boolean bodyConsumed() {
    return bodyConsumed || request.getLength() == 0
        || request.getLength() < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
  }

  private HttpError tooLarge() {
    return HttpError.badRequest("Request body is larger than the limit of " + maxBodyBytes
        + " bytes; for big inputs use a local inputSource instead of inline data", null);
  }

  /**
   * The body parsed as JSON into {@code type}.
   *
   * @throws HttpError 400 if the body is empty or the JSON {@code null}
   */
  public <T> T readJson(Class<T> type) throws IOException {
    byte[] body = body();
    T value = body.length == 0 ? null : Json.MAPPER.readValue(body, type);
    if (value == null) {
      throw HttpError.badRequest("The request body is empty or null; expected a JSON object", null);
    }
    return value;
  }
}
