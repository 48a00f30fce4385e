package io.strata.server.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;
import io.strata.metadata.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Authentication and authorization as Druid's {@code druid-basic-security} does them: users and PBKDF2 credentials
 * of one basic authenticator, users, roles and permissions of one basic authorizer, all kept in the metadata store.
 * A permission is a resource type, a regular expression the resource name must match whole, and an action; a user
 * may do what any of its roles permits.
 *
 * <p>On first start (no users yet) it creates Druid's initial state: users {@code admin} (with the configured
 * initial admin password) and, if its password is configured, {@code druid_system}, each with the role of the same
 * name permitting everything.
 *
 * <p>Every request is checked against an in-memory snapshot of the store, rebuilt after each change made through
 * this class (all changes are: one process owns the store). Verified passwords are remembered for a few minutes as
 * a salted digest, so a client sending the same credentials with every request does not pay for PBKDF2 each time.
 * Thread-safe.
 */
public final class BasicSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(BasicSecurity.class);

  public static final String ADMIN = "admin";
  public static final String INTERNAL = "druid_system";

  /** Who made a request. */
  public record Identity(String name) {
    /** The identity of every request when security is off: allowed everything. */
    public static final Identity UNSECURED = new Identity(null);
  }

  /** A user of the authorizer with its roles. */
  public record AuthzUser(String name, Set<String> roles) {
  }

  /** A permission as compiled for checking. */
  private record Grant(Pattern name, ResourceType type, Action action) {
  }

  private record Snapshot(Map<String, MetadataStore.AuthUser> credentials, Map<String, List<Grant>> grants) {
  }

  private final SecurityConfig config;
  private final MetadataStore store;
  private final Cache<String, Boolean> verified = Caffeine.newBuilder()
      .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();
  private volatile Snapshot snapshot;
  /** Credentials no password matches, checked for unknown users so they cost what a known one does. */
  private final Passwords.Credentials decoy;

  private BasicSecurity(SecurityConfig config, MetadataStore store) {
    this.config = config;
    this.store = store;
    this.decoy = config.enabled() ? Passwords.create(java.util.UUID.randomUUID().toString(),
        config.credentialIterations()) : null;
  }

  /** Loads (and on first start creates) the security state; returns null-object behaviour when security is off. */
  public static BasicSecurity start(SecurityConfig config, MetadataStore store) {
    BasicSecurity s = new BasicSecurity(config, store);
    if (config.enabled()) {
      s.initialize();
      s.reload();
    }
    return s;
  }

  public boolean enabled() {
    return config.enabled();
  }

  public SecurityConfig config() {
    return config;
  }

  private void initialize() {
    String authn = config.authenticatorName();
    String authz = config.authorizerName();
    if (store.authUsers(authn).isEmpty()) {
      if (config.initialAdminPassword() == null || config.initialAdminPassword().isEmpty()) {
        LOG.warn("Security is on but no initial admin password is set: nobody can log in. Set "
            + "druid.auth.authenticator.{}.initialAdminPassword (or STRATA_ADMIN_PASSWORD) and restart.", authn);
      } else {
        createUserWithPassword(ADMIN, config.initialAdminPassword());
        LOG.info("Created user [{}] with the initial admin password", ADMIN);
      }
      if (config.initialInternalClientPassword() != null && !config.initialInternalClientPassword().isEmpty()) {
        createUserWithPassword(INTERNAL, config.initialInternalClientPassword());
      }
    }
    if (store.authzUserRoles(authz).isEmpty()) {
      String everything = Json.MAPPER.valueToTree(allPermissions()).toString();
      for (String user : List.of(ADMIN, INTERNAL)) {
        store.createAuthzUser(authz, user);
        store.createRole(authz, user, everything);
        store.assignRole(authz, user, user);
      }
    }
  }

  private void createUserWithPassword(String name, String password) {
    store.createAuthUser(config.authenticatorName(), name);
    Passwords.Credentials c = Passwords.create(password, config.credentialIterations());
    store.setCredentials(config.authenticatorName(), name, c.salt(), c.hash(), c.iterations());
  }

  /**
   * Every action on every resource: the permissions of Druid's initial {@code admin} and {@code druid_system} roles,
   * in Druid's order.
   */
  public static List<Map<String, Object>> allPermissions() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ResourceType t : List.of(ResourceType.CONFIG, ResourceType.QUERY_CONTEXT, ResourceType.SYSTEM_TABLE,
        ResourceType.EXTERNAL, ResourceType.DATASOURCE, ResourceType.STATE, ResourceType.VIEW)) {
      for (Action a : Action.values()) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", ".*");
        resource.put("type", t.name());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("resource", resource);
        p.put("action", a.name());
        out.add(p);
      }
    }
    return out;
  }

  /** Rebuilds the snapshot from the store; called after every change. */
  synchronized void reload() {
    Map<String, MetadataStore.AuthUser> credentials = new HashMap<>();
    for (MetadataStore.AuthUser u : store.authUsers(config.authenticatorName())) {
      credentials.put(u.name(), u);
    }
    Map<String, List<Grant>> rolesGrants = new HashMap<>();
    for (Map.Entry<String, String> r : store.roles(config.authorizerName()).entrySet()) {
      rolesGrants.put(r.getKey(), compile(r.getKey(), r.getValue()));
    }
    Map<String, List<Grant>> grants = new HashMap<>();
    for (Map.Entry<String, Set<String>> u : store.authzUserRoles(config.authorizerName()).entrySet()) {
      List<Grant> g = new ArrayList<>();
      for (String role : u.getValue()) {
        g.addAll(rolesGrants.getOrDefault(role, List.of()));
      }
      grants.put(u.getKey(), List.copyOf(g));
    }
    snapshot = new Snapshot(Map.copyOf(credentials), Map.copyOf(grants));
    verified.invalidateAll();
  }

  private static List<Grant> compile(String role, String permissionsJson) {
    List<Grant> out = new ArrayList<>();
    try {
      for (Permission p : Permission.listFromJson(permissionsJson)) {
        out.add(new Grant(Pattern.compile(p.resource().name()), p.resource().type(), p.action()));
      }
    } catch (RuntimeException e) {
      LOG.error("Role [{}] has permissions that cannot be read; it grants nothing: {}", role, e.getMessage());
      return List.of();
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- per request

  /**
   * The identity of an {@code Authorization: Basic ...} header.
   *
   * @return the user, or null if the header is missing, malformed, or its credentials are wrong
   */
  public Identity authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    MetadataStore.AuthUser u = snapshot.credentials().get(user);
    if (u == null || u.hash() == null) {
      // As long as checking a known user's password: the answer's timing must not tell which users exist.
      Passwords.matches(password, decoy);
      return null;
    }
    String key = user + '\0' + digest(u.salt() + '\0' + password);
    if (verified.getIfPresent(key) != null) {
      return new Identity(user);
    }
    if (!Passwords.matches(password, new Passwords.Credentials(u.salt(), u.hash(), u.iterations()))) {
      return null;
    }
    verified.put(key, Boolean.TRUE);
    return new Identity(user);
  }

  private static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True if the identity may do the action: always when security is off. */
  public boolean isAllowed(Identity who, ResourceAction wanted) {
    if (!config.enabled()) {
      return true;
    }
    if (who == null || who.name() == null) {
      return false;
    }
    for (Grant g : snapshot.grants().getOrDefault(who.name(), List.of())) {
      if (g.type() == wanted.type() && g.action() == wanted.action() && g.name().matcher(wanted.name()).matches()) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------- management

  public String authenticatorName() {
    return config.authenticatorName();
  }

  public String authorizerName() {
    return config.authorizerName();
  }

  /** Returns {@code changed} (what a change to the store answered) after rebuilding the snapshot it altered. */
  private boolean reloading(boolean changed) {
    reload();
    return changed;
  }

  public List<MetadataStore.AuthUser> authenticatorUsers() {
    return store.authUsers(config.authenticatorName());
  }

  public boolean createAuthenticatorUser(String name) {
    return reloading(store.createAuthUser(config.authenticatorName(), name));
  }

  public boolean deleteAuthenticatorUser(String name) {
    return reloading(store.deleteAuthUser(config.authenticatorName(), name));
  }

  /** Sets a user's password, hashed with {@code iterations} rounds (null: the configured count). */
  public boolean setPassword(String name, String password, Integer iterations) {
    Passwords.Credentials c = Passwords.create(password,
        iterations == null ? config.credentialIterations() : iterations);
    return reloading(store.setCredentials(config.authenticatorName(), name, c.salt(), c.hash(), c.iterations()));
  }

  public Map<String, Set<String>> authorizerUsers() {
    return store.authzUserRoles(config.authorizerName());
  }

  public boolean createAuthorizerUser(String name) {
    return reloading(store.createAuthzUser(config.authorizerName(), name));
  }

  public boolean deleteAuthorizerUser(String name) {
    return reloading(store.deleteAuthzUser(config.authorizerName(), name));
  }

  /** Role name to its permissions. */
  public Map<String, List<Permission>> roles() {
    Map<String, List<Permission>> out = new TreeMap<>();
    for (Map.Entry<String, String> e : store.roles(config.authorizerName()).entrySet()) {
      List<Permission> perms;
      try {
        perms = Permission.listFromJson(e.getValue());
      } catch (RuntimeException ex) {
        perms = List.of();
      }
      out.put(e.getKey(), perms);
    }
    return out;
  }

  public boolean createRole(String name) {
    return reloading(store.createRole(config.authorizerName(), name, "[]"));
  }

  public boolean deleteRole(String name) {
    return reloading(store.deleteRole(config.authorizerName(), name));
  }

  /** Replaces a role's permissions, after checking each name pattern compiles. */
  public boolean setPermissions(String role, List<Permission> permissions) {
    for (Permission p : permissions) {
      try {
        Pattern.compile(p.resource().name());
      } catch (PatternSyntaxException e) {
        throw new InvalidInputException("permissions", "Invalid permission, resource name regex["
            + p.resource().name() + "] does not compile.");
      }
    }
    return reloading(store.setRolePermissions(config.authorizerName(), role,
        Json.MAPPER.valueToTree(permissions).toString()));
  }

  public boolean assignRole(String user, String role) {
    return reloading(store.assignRole(config.authorizerName(), user, role));
  }

  public boolean unassignRole(String user, String role) {
    return reloading(store.unassignRole(config.authorizerName(), user, role));
  }

  /** Parses a permissions list as the security API receives it. */
  public static List<Permission> parsePermissions(byte[] json) throws IOException {
    return Json.MAPPER.readValue(json, new TypeReference<List<Permission>>() { });
  }
}
