package io.strata.input;

import io.strata.api.spec.InputSourceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One URI of an {@code http} input source, fetched with GET each time it is opened. Redirects are followed by hand
 * (at most {@value #MAX_REDIRECTS}), each target checked against the {@link InputSourcePolicy} first, so a redirect
 * cannot lead to a host or protocol the operator did not allow. A path ending in {@code .gz} is decompressed.
 */
final class HttpSplit implements InputSplit {
  private static final int MAX_REDIRECTS = 5;
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(30))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  private final URI uri;
  private final InputSourceSpec.Http spec;
  private final InputSourcePolicy policy;

  HttpSplit(URI uri, InputSourceSpec.Http spec, InputSourcePolicy policy) {
    this.uri = uri;
    this.spec = spec;
    this.policy = policy;
  }

  @Override
  public String name() {
    return uri.toString();
  }

  @Override
  public long sizeBytes() {
    return 0;
  }

  @Override
  public InputStream open() throws IOException {
    URI target = uri;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      policy.checkUri(target, "uris");
      HttpRequest.Builder request = HttpRequest.newBuilder(target).GET();
      for (Map.Entry<String, String> h : spec.requestHeaders().entrySet()) {
        request.header(h.getKey(), h.getValue());
      }
      if (spec.httpAuthenticationUsername() != null) {
        String password = spec.httpAuthenticationPassword() == null ? "" : spec.httpAuthenticationPassword().password();
        String token = spec.httpAuthenticationUsername() + ":" + password;
        request.header("Authorization",
            "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
      }
      HttpResponse<InputStream> response;
      try {
        response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while fetching [" + target + "]", e);
      } catch (IOException | IllegalArgumentException e) {
        throw new InputSourceException(null, "cannot fetch http input [" + target + "]: " + e.getMessage(), e);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
        response.body().close();
        target = target.resolve(response.headers().firstValue("Location").get());
        continue;
      }
      if (status < 200 || status >= 300) {
        response.body().close();
        throw new InputSourceException(null, "http input [" + target + "] answered HTTP " + status);
      }
      InputStream body = response.body();
      String path = target.getPath() == null ? "" : target.getPath();
      return path.endsWith(".gz") ? new GZIPInputStream(body, 1 << 16) : body;
    }
    throw new InputSourceException(null, "http input [" + uri + "] redirects more than " + MAX_REDIRECTS + " times");
  }

  @Override
  public String toString() {
    return "http split " + uri;
  }
}
