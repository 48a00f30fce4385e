package io.strata.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.metadata.MetadataStore;
import io.strata.server.security.Action;
import io.strata.server.security.BasicSecurity;
import io.strata.server.security.Permission;
import io.strata.server.security.ResourceAction;
import io.strata.server.security.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Druid's basic-security API ({@code /druid-ext/basic-security/...}): users and credentials of the authenticator,
 * users, roles and permissions of the authorizer. Reading needs READ and changing WRITE on resource type CONFIG
 * named {@code security}, as in Druid. With security off every authenticator and authorizer name is unknown (400,
 * "does not exist").
 */
public final class SecurityResources {
  private static final String BASE = "/druid-ext/basic-security";
  private static final ResourceAction READ = new ResourceAction("security", ResourceType.CONFIG, Action.READ);
  private static final ResourceAction WRITE = new ResourceAction("security", ResourceType.CONFIG, Action.WRITE);

  private final BasicSecurity security;

  private SecurityResources(BasicSecurity security) {
    this.security = security;
  }

  /** Adds the security API's routes to {@code api}. */
  public static void register(HttpApi api, BasicSecurity security) {
    new SecurityResources(security).routes(api);
  }

  private void routes(HttpApi api) {
    String authn = BASE + "/authentication";
    String authnDb = authn + "/db/{authenticator}";
    String authz = BASE + "/authorization";
    String authzDb = authz + "/db/{authorizer}";
    api.get(authn + "/loadStatus", READ, ex -> Map.of(security.authenticatorName(), security.enabled()))
        .post(authnDb + "/refreshAll", WRITE, ex -> ok(authenticator(ex)))
        .get(authnDb + "/users", READ, ex -> {
          authenticator(ex);
          List<String> names = new ArrayList<>();
          security.authenticatorUsers().forEach(u -> names.add(u.name()));
          return names;
        })
        .get(authnDb + "/users/{user}", READ, ex -> {
          authenticator(ex);
          MetadataStore.AuthUser u = authenticatorUser(ex.path("user"));
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("name", u.name());
          if (u.hash() != null) {
            Map<String, Object> credentials = new LinkedHashMap<>();
            credentials.put("salt", u.salt());
            credentials.put("hash", u.hash());
            credentials.put("iterations", u.iterations());
            out.put("credentials", credentials);
          } else {
            out.put("credentials", null);
          }
          return out;
        })
        .post(authnDb + "/users/{user}", WRITE, ex -> {
          authenticator(ex);
          String user = userName(ex.path("user"));
          if (!security.createAuthenticatorUser(user)) {
            throw HttpError.badRequestLegacy("User [" + user + "] already exists.");
          }
          return ok(null);
        })
        .delete(authnDb + "/users/{user}", WRITE, ex -> {
          authenticator(ex);
          if (!security.deleteAuthenticatorUser(ex.path("user"))) {
            throw noUser(ex.path("user"));
          }
          return ok(null);
        })
        .postJson(authnDb + "/users/{user}/credentials", WRITE, ex -> {
          authenticator(ex);
          Credentials c = ex.readJson(Credentials.class);
          authenticatorUser(ex.path("user"));
          security.setPassword(ex.path("user"), c.password(), c.iterations());
          return ok(null);
        })
        .get(authz + "/loadStatus", READ, ex -> Map.of(security.authorizerName(), security.enabled()))
        .post(authzDb + "/refreshAll", WRITE, ex -> ok(authorizer(ex)))
        .get(authzDb + "/users", READ, ex -> {
          authorizer(ex);
          return new ArrayList<>(security.authorizerUsers().keySet());
        })
        .get(authzDb + "/users/{user}", READ, ex -> {
          authorizer(ex);
          String user = ex.path("user");
          Set<String> roles = security.authorizerUsers().get(user);
          if (roles == null) {
            throw noUser(user);
          }
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("name", user);
          if (ex.hasParam("full")) {
            Map<String, List<Permission>> all = security.roles();
            List<Object> expanded = new ArrayList<>();
            for (String r : roles) {
              expanded.add(role(r, all.getOrDefault(r, List.of()), null, false, ex.hasParam("simplifyPermissions")));
            }
            out.put("roles", expanded);
          } else {
            out.put("roles", new TreeSet<>(roles));
          }
          return out;
        })
        .post(authzDb + "/users/{user}", WRITE, ex -> {
          authorizer(ex);
          String user = userName(ex.path("user"));
          if (!security.createAuthorizerUser(user)) {
            throw HttpError.badRequestLegacy("User [" + user + "] already exists.");
          }
          return ok(null);
        })
        .delete(authzDb + "/users/{user}", WRITE, ex -> {
          authorizer(ex);
          if (!security.deleteAuthorizerUser(ex.path("user"))) {
            throw noUser(ex.path("user"));
          }
          return ok(null);
        })
        .post(authzDb + "/users/{user}/roles/{role}", WRITE, ex -> {
          authorizer(ex);
          String user = ex.path("user");
          String role = ex.path("role");
          requireUserAndRole(user, role);
          if (!security.assignRole(user, role)) {
            throw HttpError.badRequestLegacy("User [" + user + "] already has role [" + role + "].");
          }
          return ok(null);
        })
        .delete(authzDb + "/users/{user}/roles/{role}", WRITE, ex -> {
          authorizer(ex);
          String user = ex.path("user");
          String role = ex.path("role");
          requireUserAndRole(user, role);
          if (!security.unassignRole(user, role)) {
            throw HttpError.badRequestLegacy("User [" + user + "] does not have role [" + role + "].");
          }
          return ok(null);
        })
        .get(authzDb + "/roles", READ, ex -> {
          authorizer(ex);
          return new ArrayList<>(security.roles().keySet());
        })
        .get(authzDb + "/roles/{role}", READ, ex -> {
          authorizer(ex);
          String role = ex.path("role");
          List<Permission> perms = security.roles().get(role);
          if (perms == null) {
            throw noRole(role);
          }
          List<String> users = new ArrayList<>();
          for (Map.Entry<String, Set<String>> u : security.authorizerUsers().entrySet()) {
            if (u.getValue().contains(role)) {
              users.add(u.getKey());
            }
          }
          return role(role, perms, users, ex.hasParam("full"), ex.hasParam("simplifyPermissions"));
        })
        .post(authzDb + "/roles/{role}", WRITE, ex -> {
          authorizer(ex);
          String role = userName(ex.path("role"));
          if (!security.createRole(role)) {
            throw HttpError.badRequestLegacy("Role [" + role + "] already exists.");
          }
          return ok(null);
        })
        .delete(authzDb + "/roles/{role}", WRITE, ex -> {
          authorizer(ex);
          if (!security.deleteRole(ex.path("role"))) {
            throw noRole(ex.path("role"));
          }
          return ok(null);
        })
        .postJson(authzDb + "/roles/{role}/permissions", WRITE, ex -> {
          authorizer(ex);
          String role = ex.path("role");
          List<Permission> perms = BasicSecurity.parsePermissions(ex.body());
          if (security.roles().get(role) == null) {
            throw noRole(role);
          }
          try {
            security.setPermissions(role, perms == null ? List.of() : perms);
          } catch (InvalidInputException e) {
            throw HttpError.badRequestLegacy(e.getMessage());
          }
          return ok(null);
        });
  }

  /** {@code {"password": "...", "iterations": n}} (iterations optional). */
  record Credentials(@JsonProperty("password") String password, @JsonProperty("iterations") Integer iterations) {
    Credentials {
      if (password == null) {
        throw new InvalidInputException("password", "Cannot assign null password.");
      }
      if (password.isEmpty()) {
        throw new InvalidInputException("password", "Cannot assign empty password.");
      }
      if (iterations != null && (iterations < 1 || iterations > 10_000_000)) {
        throw new InvalidInputException("iterations", "iterations must be from 1 to 10000000, got " + iterations);
      }
    }
  }

  /**
   * A role as Druid's API shows it: {@code {name, permissions}} with each permission as
   * {@code {resourceAction, resourceNamePattern}}; with {@code full} also {@code users} and {@code groups}; with
   * {@code simplify}, {@code {name, users, permissions}} with permissions in the form they are set in
   * ({@code users} null unless {@code full}).
   */
  private static Map<String, Object> role(String name, List<Permission> perms, List<String> users, boolean full,
                                          boolean simplify) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    if (simplify) {
      out.put("users", full ? users : null);
      out.put("permissions", perms);
      return out;
    }
    if (full) {
      out.put("users", users);
      out.put("groups", List.of());
    }
    List<Object> permissions = new ArrayList<>();
    for (Permission p : perms) {
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("resourceAction", p);
      form.put("resourceNamePattern", p.resource().name());
      permissions.add(form);
    }
    out.put("permissions", permissions);
    return out;
  }

  private String authenticator(HttpExchange ex) {
    String name = ex.path("authenticator");
    if (!security.enabled() || !security.authenticatorName().equals(name)) {
      throw HttpError.badRequestLegacy("Basic authenticator with name [" + name + "] does not exist.");
    }
    return name;
  }

  private String authorizer(HttpExchange ex) {
    String name = ex.path("authorizer");
    if (!security.enabled() || !security.authorizerName().equals(name)) {
      throw HttpError.badRequestLegacy("Basic authorizer with name [" + name + "] does not exist.");
    }
    return name;
  }

  private MetadataStore.AuthUser authenticatorUser(String name) {
    for (MetadataStore.AuthUser u : security.authenticatorUsers()) {
      if (u.name().equals(name)) {
        return u;
      }
    }
    throw noUser(name);
  }

  private void requireUserAndRole(String user, String role) {
    if (!security.authorizerUsers().containsKey(user)) {
      throw noUser(user);
    }
    if (!security.roles().containsKey(role)) {
      throw noRole(role);
    }
  }

  /** A user or role name: not empty, at most 255 characters, no control characters. */
  private static String userName(String name) {
    if (name.isEmpty() || name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
      throw HttpError.badRequestLegacy("Invalid name [" + name + "]: use 1 to 255 characters without control "
          + "characters");
    }
    return name;
  }

  private static HttpError noUser(String name) {
    return HttpError.badRequestLegacy("User [" + name + "] does not exist.");
  }

  private static HttpError noRole(String name) {
    return HttpError.badRequestLegacy("Role [" + name + "] does not exist.");
  }

  private static HttpResult ok(Object ignored) {
    return new HttpResult(200, null);
  }
}
