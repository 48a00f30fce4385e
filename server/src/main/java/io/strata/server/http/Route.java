package io.strata.server.http;

import io.strata.server.security.ResourceAction;

import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP route: a method, a path pattern whose {@code {name}} segments capture values, who may call it, and
 * whether it reads a JSON body (then a request with another content type is refused with 415, so that a web page
 * cannot send one with a plain form post).
 */
final class Route {
  @FunctionalInterface
  interface Action {
    Object handle(HttpExchange exchange) throws Exception;
  }

  /** Who may call a route when security is on. */
  sealed interface Access {
    /** Anyone, without credentials ({@code /status/health}, as in Druid). */
    Access PUBLIC = new Public();
    /** Any authenticated user; the action checks (or filters by) the permissions its request needs. */
    Access AUTHENTICATED = new Authenticated();

    static Access requires(ResourceAction permission) {
      return new Requires(permission);
    }
  }

  record Public() implements Access {
  }

  record Authenticated() implements Access {
  }

  /** An authenticated user with this permission. */
  record Requires(ResourceAction permission) implements Access {
  }

  private final String method;
  private final String[] parts;
  private final Action action;
  private final Access access;
  private final boolean readsJson;
  private final boolean jsonOptional;

  Route(String method, String pattern, Action action, Access access, boolean readsJson) {
    this(method, pattern, action, access, readsJson, false);
  }

  /** @param jsonOptional a request without Content-Type is taken as JSON */
  Route(String method, String pattern, Action action, Access access, boolean readsJson, boolean jsonOptional) {
    this.method = method;
    this.parts = segments(pattern);
    this.action = action;
    this.access = access;
    this.readsJson = readsJson;
    this.jsonOptional = jsonOptional;
  }

  boolean jsonOptional() {
    return jsonOptional;
  }

  String method() {
    return method;
  }

  Action action() {
    return action;
  }

  Access access() {
    return access;
  }

  boolean readsJson() {
    return readsJson;
  }

  /**
   * The segments of a path or pattern, split at '/', without the empty ones a leading and a trailing '/' make
   * ({@code /druid/v2/} is {@code /druid/v2}); empty segments inside stay, so {@code /task//status} does not match
   * {@code /task/{id}}.
   */
  static String[] segments(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  /**
   * Captured path values if the (decoded) path segments match, else null. Segments are compared after decoding, so
   * a captured value may hold any character, '/' included (as {@code %2F}).
   */
  Map<String, String> match(String[] pathParts) {
    if (pathParts.length != parts.length) {
      return null;
    }
    Map<String, String> captured = null;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.startsWith("{")) {
        if (captured == null) {
          captured = new HashMap<>();
        }
        captured.put(p.substring(1, p.length() - 1), pathParts[i]);
      } else if (!p.equals(pathParts[i])) {
        return null;
      }
    }
    return captured == null ? Map.of() : captured;
  }
}
