package io.strata.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SQL behind {@link MetadataStore}'s security operations: users and credentials of basic authenticators, users,
 * roles and assignments of basic authorizers. The store knows nothing of what permissions mean: they are opaque
 * JSON here. Every method runs inside the caller's transaction.
 *
 * <p>Not thread-safe; used by {@link MetadataStore} under its lock.
 */
final class SecurityTable {
  private SecurityTable() {
  }

  static List<MetadataStore.AuthUser> authUsers(Connection c, String authenticator) throws SQLException {
    List<MetadataStore.AuthUser> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name, salt, hash, iterations FROM " + Schema.AUTH_USERS
        + " WHERE authenticator = ? ORDER BY name")) {
      ps.setString(1, authenticator);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int iterations = rs.getInt(4);
          out.add(new MetadataStore.AuthUser(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.wasNull() ? 0 : iterations));
        }
      }
    }
    return out;
  }

  static boolean insertAuthUser(Connection c, String authenticator, String name) throws SQLException {
    if (exists(c, "SELECT 1 FROM " + Schema.AUTH_USERS + " WHERE authenticator = ? AND name = ?", authenticator,
        name)) {
      return false;
    }
    return update(c, "INSERT INTO " + Schema.AUTH_USERS + " (authenticator, name) VALUES (?, ?)", authenticator,
        name) > 0;
  }

  static boolean deleteAuthUser(Connection c, String authenticator, String name) throws SQLException {
    return update(c, "DELETE FROM " + Schema.AUTH_USERS + " WHERE authenticator = ? AND name = ?", authenticator,
        name) > 0;
  }

  static boolean setCredentials(Connection c, String authenticator, String name, String salt, String hash,
                                int iterations) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.AUTH_USERS
        + " SET salt = ?, hash = ?, iterations = ? WHERE authenticator = ? AND name = ?")) {
      ps.setString(1, salt);
      ps.setString(2, hash);
      ps.setInt(3, iterations);
      ps.setString(4, authenticator);
      ps.setString(5, name);
      return ps.executeUpdate() > 0;
    }
  }

  static Set<String> authzUsers(Connection c, String authorizer) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM " + Schema.AUTHZ_USERS
        + " WHERE authorizer = ?")) {
      ps.setString(1, authorizer);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  static boolean insertAuthzUser(Connection c, String authorizer, String name) throws SQLException {
    if (exists(c, "SELECT 1 FROM " + Schema.AUTHZ_USERS + " WHERE authorizer = ? AND name = ?", authorizer, name)) {
      return false;
    }
    return update(c, "INSERT INTO " + Schema.AUTHZ_USERS + " (authorizer, name) VALUES (?, ?)", authorizer,
        name) > 0;
  }

  static boolean deleteAuthzUser(Connection c, String authorizer, String name) throws SQLException {
    update(c, "DELETE FROM " + Schema.AUTHZ_USER_ROLES + " WHERE authorizer = ? AND user_name = ?", authorizer, name);
    return update(c, "DELETE FROM " + Schema.AUTHZ_USERS + " WHERE authorizer = ? AND name = ?", authorizer,
        name) > 0;
  }

  /** Role name to its permissions JSON, by name. */
  static Map<String, String> roles(Connection c, String authorizer) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name, permissions FROM " + Schema.AUTHZ_ROLES
        + " WHERE authorizer = ?")) {
      ps.setString(1, authorizer);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  static boolean insertRole(Connection c, String authorizer, String name, String permissionsJson)
      throws SQLException {
    if (exists(c, "SELECT 1 FROM " + Schema.AUTHZ_ROLES + " WHERE authorizer = ? AND name = ?", authorizer, name)) {
      return false;
    }
    return update(c, "INSERT INTO " + Schema.AUTHZ_ROLES + " (authorizer, name, permissions) VALUES (?, ?, ?)",
        authorizer, name, permissionsJson) > 0;
  }

  static boolean deleteRole(Connection c, String authorizer, String name) throws SQLException {
    update(c, "DELETE FROM " + Schema.AUTHZ_USER_ROLES + " WHERE authorizer = ? AND role_name = ?", authorizer, name);
    return update(c, "DELETE FROM " + Schema.AUTHZ_ROLES + " WHERE authorizer = ? AND name = ?", authorizer,
        name) > 0;
  }

  static boolean setPermissions(Connection c, String authorizer, String role, String permissionsJson)
      throws SQLException {
    return update(c, "UPDATE " + Schema.AUTHZ_ROLES + " SET permissions = ? WHERE authorizer = ? AND name = ?",
        permissionsJson, authorizer, role) > 0;
  }

  /** User name to the names of its roles, for every user of the authorizer (users without roles included). */
  static Map<String, Set<String>> userRoles(Connection c, String authorizer) throws SQLException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String user : authzUsers(c, authorizer)) {
      out.put(user, new TreeSet<>());
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT user_name, role_name FROM " + Schema.AUTHZ_USER_ROLES
        + " WHERE authorizer = ?")) {
      ps.setString(1, authorizer);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), u -> new TreeSet<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  static boolean assign(Connection c, String authorizer, String user, String role) throws SQLException {
    if (exists(c, "SELECT 1 FROM " + Schema.AUTHZ_USER_ROLES
        + " WHERE authorizer = ? AND user_name = ? AND role_name = ?", authorizer, user, role)) {
      return false;
    }
    return update(c, "INSERT INTO " + Schema.AUTHZ_USER_ROLES + " (authorizer, user_name, role_name) VALUES (?, ?, ?)",
        authorizer, user, role) > 0;
  }

  static boolean unassign(Connection c, String authorizer, String user, String role) throws SQLException {
    return update(c, "DELETE FROM " + Schema.AUTHZ_USER_ROLES
        + " WHERE authorizer = ? AND user_name = ? AND role_name = ?", authorizer, user, role) > 0;
  }

  private static boolean exists(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static int update(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }
}
