package io.strata.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP route: a method and a path pattern whose {@code {name}} segments capture values.
 */
final class Route {
  @FunctionalInterface
  interface Action {
    Object handle(HttpExchange exchange) throws Exception;
  }

  private final String method;
  private final String[] parts;
  private final Action action;

  Route(String method, String pattern, Action action) {
    this.method = method;
    this.parts = split(pattern);
    this.action = action;
  }

  String method() {
    return method;
  }

  Action action() {
    return action;
  }

  /** Captured path values if the path matches, else null. */
  Map<String, String> match(String[] pathParts) {
    if (pathParts.length != parts.length) {
      return null;
    }
    Map<String, String> captured = null;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.startsWith("{")) {
        if (captured == null) {
          captured = new java.util.HashMap<>();
        }
        captured.put(p.substring(1, p.length() - 1), pathParts[i]);
      } else if (!p.equals(pathParts[i])) {
        return null;
      }
    }
    return captured == null ? Map.of() : captured;
  }

  static String[] split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return out.toArray(new String[0]);
  }
}
