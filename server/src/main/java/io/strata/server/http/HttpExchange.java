package io.strata.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The parts of a request a route reads: path values, query parameters and the (size-limited) body. */
public final class HttpExchange {
  private final Request request;
  private final Map<String, String> pathValues;
  private final Fields query;
  private final long maxBodyBytes;

  HttpExchange(Request request, Map<String, String> pathValues, long maxBodyBytes) {
    this.request = request;
    this.pathValues = pathValues;
    this.query = Request.extractQueryParameters(request);
    this.maxBodyBytes = maxBodyBytes;
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

  /** The request body; refused with a 400 past the configured size. */
  public byte[] body() throws IOException {
    try (InputStream in = Request.asInputStream(request)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBodyBytes) {
          throw HttpError.badRequest("Request body is larger than the limit of " + maxBodyBytes
              + " bytes; for big inputs use a local inputSource instead of inline data", null);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }
}
