package io.strata.input;

import io.strata.api.spec.InputSourceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * One URI of an {@code http} input source, fetched with GET each time it is opened. Redirects are followed by hand
 * (at most {@value #MAX_REDIRECTS}), each target checked against the {@link InputSourcePolicy} first, so a redirect
 * cannot lead to a host or protocol the operator did not allow; the credentials and request headers go only to the
 * origin (scheme, host and port) of the URI they were given for. Connecting and every read time out, so a server
 * that stops sending fails the task instead of holding it. A path ending in {@code .gz} is decompressed.
 */
final class HttpSplit implements InputSplit {
  private static final int MAX_REDIRECTS = 5;
  private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
  private static final int READ_TIMEOUT_MILLIS = 120_000;

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
      HttpURLConnection c;
      try {
        URLConnection opened = target.toURL().openConnection();
        if (!(opened instanceof HttpURLConnection h)) {
          throw new InputSourceException(null, "http input [" + target + "] is not an HTTP URI");
        }
        c = h;
      } catch (IllegalArgumentException e) {
        throw new InputSourceException(null, "http input [" + target + "] is not a valid URL");
      }
      c.setInstanceFollowRedirects(false);
      c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      c.setReadTimeout(READ_TIMEOUT_MILLIS);
      if (sameOrigin(target, uri)) {
        for (Map.Entry<String, String> h : spec.requestHeaders().entrySet()) {
          c.setRequestProperty(h.getKey(), h.getValue());
        }
        if (spec.httpAuthenticationUsername() != null) {
          String password = spec.httpAuthenticationPassword() == null ? ""
              : spec.httpAuthenticationPassword().password();
          String token = spec.httpAuthenticationUsername() + ":" + password;
          c.setRequestProperty("Authorization",
              "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
      }
      int status;
      try {
        status = c.getResponseCode();
      } catch (IOException e) {
        c.disconnect();
        throw new InputSourceException(null, "cannot fetch http input [" + target + "]: " + e.getMessage(), e);
      }
      String location = c.getHeaderField("Location");
      if (status >= 300 && status < 400 && location != null) {
        c.disconnect();
        try {
          target = target.resolve(location);
        } catch (IllegalArgumentException e) {
          throw new InputSourceException(null, "http input [" + target + "] redirects to an invalid URI");
        }
        continue;
      }
      if (status < 200 || status >= 300) {
        c.disconnect();
        throw new InputSourceException(null, "http input [" + target + "] answered HTTP " + status);
      }
      InputStream body = c.getInputStream();
      String path = target.getPath() == null ? "" : target.getPath();
      return path.endsWith(".gz") ? new GZIPInputStream(body, 1 << 16) : body;
    }
    throw new InputSourceException(null, "http input [" + uri + "] redirects more than " + MAX_REDIRECTS + " times");
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()),
        lower(b.getHost())) && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  @Override
  public String toString() {
    return "http split " + uri;
  }
}
