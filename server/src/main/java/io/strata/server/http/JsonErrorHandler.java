package io.strata.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strata.api.json.Json;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors Jetty answers itself, before a request reaches {@link HttpApi} (a malformed request line, headers or URI
 * too large, an ambiguous path): in Druid's error JSON like every other error, instead of Jetty's HTML page, and
 * without a stack trace or class name.
 */
public final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                  Callback callback) {
    byte[] body = body(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", "druidException");
    m.put("errorCode", code >= 500 ? "internalError" : "invalidInput");
    m.put("persona", code >= 500 ? "OPERATOR" : "USER");
    m.put("category", code >= 500 ? "RUNTIME_FAILURE" : "INVALID_INPUT");
    String text = message == null || message.isBlank() ? "HTTP " + code : message;
    m.put("errorMessage", "The request could not be handled: " + ErrorTranslation.scrub(text));
    m.put("context", Map.of());
    try {
      return Json.MAPPER.writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      return ("{\"error\":\"druidException\",\"errorMessage\":\"HTTP " + code + "\"}").getBytes();
    }
  }
}
