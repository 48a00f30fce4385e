package io.strata.metadata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The metadata database schema and its migrations.
 *
 * <h2>Tables (schema version 4)</h2>
 * <ul>
 *   <li>{@code strata_schema_version(version, applied_time)}: one row per applied schema version.</li>
 *   <li>{@code strata_segments}: one row per published segment. {@code start_millis}/{@code end_millis} are the
 *       interval in epoch milliseconds (BIGINT, so range predicates order correctly even for negative years, which
 *       ISO text would not); {@code used} is 0/1 and {@code used_status_last_updated} (epoch millis, added in
 *       version 2) when it last changed; {@code payload} is the segment's {@link DataSegment} JSON, the
 *       source of truth when reading; the other columns exist for filtering.</li>
 *   <li>{@code strata_pending_segments}: partition numbers handed out by append allocation and not yet published,
 *       so two appenders to one time chunk never receive the same partition. Rows go when their segment is
 *       published; rows of tasks that never published stay (they only keep their numbers from being reused).</li>
 *   <li>{@code strata_auth_users} (version 3): users of a basic authenticator with their credentials (salt and
 *       PBKDF2 hash, Base64, and the iteration count; null until set). {@code strata_authz_users},
 *       {@code strata_authz_roles} (permissions as JSON) and {@code strata_authz_user_roles}: a basic authorizer's
 *       users, roles and role assignments.</li>
 *   <li>{@code strata_datasource_metadata} (version 4): per datasource, the stream offsets its published segments
 *       cover, as JSON ({@link StreamOffsets}); changed only by the publish transaction, compare-and-swap.
 *       {@code strata_supervisors} and {@code strata_supervisor_history}: supervisor specs (JSON), their state
 *       (RUNNING, SUSPENDED, TERMINATED) and every version submitted.</li>
 *   <li>{@code strata_tasks}: one row per task; {@code status}, {@code payload} and {@code report} are JSON
 *       text; {@code active} is 0/1.</li>
 * </ul>
 *
 * <h2>Portability</h2>
 * The DDL uses only types and syntax PostgreSQL accepts as well as SQLite: {@code VARCHAR(n)}, {@code TEXT},
 * {@code BIGINT}, {@code INTEGER} (booleans as 0/1), {@code CREATE TABLE/INDEX IF NOT EXISTS}; no
 * {@code AUTOINCREMENT}, no SQLite type affinity tricks, and no reserved words as column names ({@code end} is
 * reserved in PostgreSQL, hence {@code end_millis}). Version strings are compared in Java, never with SQL
 * {@code <}, because PostgreSQL may compare text with a locale collation.
 *
 * <h2>Migrations</h2>
 * {@link #MIGRATIONS} element {@code i} moves a database from version {@code i} to {@code i + 1} (element 0
 * creates version 1). Opening applies the missing ones in one transaction; a database newer than this code is
 * refused rather than guessed at. To change the schema, append a migration; never edit a published one.
 *
 * <p>Not thread-safe; used by {@link MetadataStore} under its lock.
 */
final class Schema {
  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

  static final String SEGMENTS = "strata_segments";
  static final String PENDING = "strata_pending_segments";
  static final String PUBLISHED_SEQUENCES = "strata_published_sequences";
  static final String TASKS = "strata_tasks";
  static final String VERSIONS = "strata_schema_version";
  static final String DATASOURCE_METADATA = "strata_datasource_metadata";
  static final String SUPERVISORS = "strata_supervisors";
  static final String LOOKUPS = "strata_lookups";
  static final String SUPERVISOR_HISTORY = "strata_supervisor_history";
  static final String AUTH_USERS = "strata_auth_users";
  static final String AUTHZ_USERS = "strata_authz_users";
  static final String AUTHZ_ROLES = "strata_authz_roles";
  static final String AUTHZ_USER_ROLES = "strata_authz_user_roles";

  private static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          "CREATE TABLE IF NOT EXISTS " + SEGMENTS + " ("
              + "id VARCHAR(1024) NOT NULL PRIMARY KEY, "
              + "datasource VARCHAR(255) NOT NULL, "
              + "start_millis BIGINT NOT NULL, "
              + "end_millis BIGINT NOT NULL, "
              + "version VARCHAR(255) NOT NULL, "
              + "partition_num INTEGER NOT NULL, "
              + "used INTEGER NOT NULL, "
              + "payload TEXT NOT NULL, "
              + "created_date BIGINT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS " + SEGMENTS + "_ds_used ON " + SEGMENTS
              + " (datasource, used, start_millis)",
          "CREATE INDEX IF NOT EXISTS " + SEGMENTS + "_chunk ON " + SEGMENTS
              + " (datasource, start_millis, end_millis, version)",
          "CREATE TABLE IF NOT EXISTS " + PENDING + " ("
              + "id VARCHAR(1024) NOT NULL PRIMARY KEY, "
              + "datasource VARCHAR(255) NOT NULL, "
              + "start_millis BIGINT NOT NULL, "
              + "end_millis BIGINT NOT NULL, "
              + "version VARCHAR(255) NOT NULL, "
              + "partition_num INTEGER NOT NULL, "
              + "created_date BIGINT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS " + PENDING + "_chunk ON " + PENDING
              + " (datasource, start_millis, end_millis, version)",
          "CREATE TABLE IF NOT EXISTS " + TASKS + " ("
              + "id VARCHAR(255) NOT NULL PRIMARY KEY, "
              + "type VARCHAR(255) NOT NULL, "
              + "datasource VARCHAR(255) NOT NULL, "
              + "created_time BIGINT NOT NULL, "
              + "status TEXT NOT NULL, "
              + "payload TEXT NOT NULL, "
              + "report TEXT, "
              + "active INTEGER NOT NULL)",
          "CREATE INDEX IF NOT EXISTS " + TASKS + "_active ON " + TASKS + " (active)"),
      // Version 2: when a segment last became used or unused, as Druid's used_status_last_updated, so a kill task
      // can leave alone segments dropped only recently (maxUsedStatusLastUpdatedTime).
      List.of(
          "ALTER TABLE " + SEGMENTS + " ADD COLUMN used_status_last_updated BIGINT",
          "UPDATE " + SEGMENTS + " SET used_status_last_updated = created_date"),
      // Version 3: users, credentials, roles and permissions of the basic security (authenticator and authorizer
      // data are apart, as in Druid: a user can exist in one and not the other).
      List.of(
          "CREATE TABLE IF NOT EXISTS " + AUTH_USERS + " ("
              + "authenticator VARCHAR(255) NOT NULL, "
              + "name VARCHAR(255) NOT NULL, "
              + "salt TEXT, "
              + "hash TEXT, "
              + "iterations INTEGER, "
              + "PRIMARY KEY (authenticator, name))",
          "CREATE TABLE IF NOT EXISTS " + AUTHZ_USERS + " ("
              + "authorizer VARCHAR(255) NOT NULL, "
              + "name VARCHAR(255) NOT NULL, "
              + "PRIMARY KEY (authorizer, name))",
          "CREATE TABLE IF NOT EXISTS " + AUTHZ_ROLES + " ("
              + "authorizer VARCHAR(255) NOT NULL, "
              + "name VARCHAR(255) NOT NULL, "
              + "permissions TEXT NOT NULL, "
              + "PRIMARY KEY (authorizer, name))",
          "CREATE TABLE IF NOT EXISTS " + AUTHZ_USER_ROLES + " ("
              + "authorizer VARCHAR(255) NOT NULL, "
              + "user_name VARCHAR(255) NOT NULL, "
              + "role_name VARCHAR(255) NOT NULL, "
              + "PRIMARY KEY (authorizer, user_name, role_name))"),
      // Version 4: streaming. The stream offsets the published segments of a datasource cover (Druid's datasource
      // metadata), written by the publish transaction; and the supervisor specs with their state and history.
      List.of(
          "CREATE TABLE IF NOT EXISTS " + DATASOURCE_METADATA + " ("
              + "datasource VARCHAR(255) NOT NULL PRIMARY KEY, "
              + "commit_metadata TEXT NOT NULL, "
              + "updated BIGINT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS " + SUPERVISORS + " ("
              + "id VARCHAR(255) NOT NULL PRIMARY KEY, "
              + "spec TEXT NOT NULL, "
              + "state VARCHAR(32) NOT NULL, "
              + "updated BIGINT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS " + SUPERVISOR_HISTORY + " ("
              + "id VARCHAR(255) NOT NULL, "
              + "version BIGINT NOT NULL, "
              + "spec TEXT NOT NULL, "
              + "PRIMARY KEY (id, version))"),
      // Version 5: the time chunks replicated realtime tasks published, one row per (availability group, chunk),
      // so that of several replicas filling one shard exactly one publishes each chunk.
      List.of(
          "CREATE TABLE IF NOT EXISTS " + PUBLISHED_SEQUENCES + " ("
              + "datasource VARCHAR(255) NOT NULL, "
              + "sequence_name VARCHAR(1024) NOT NULL, "
              + "task_id VARCHAR(512) NOT NULL, "
              + "published BIGINT NOT NULL, "
              + "PRIMARY KEY (datasource, sequence_name))"),
      // Version 6: lookups (Druid's lookups config API), per tier and name, with their version and spec (JSON).
      List.of(
          "CREATE TABLE IF NOT EXISTS " + LOOKUPS + " ("
              + "tier VARCHAR(255) NOT NULL, "
              + "name VARCHAR(255) NOT NULL, "
              + "version VARCHAR(255) NOT NULL, "
              + "spec TEXT NOT NULL, "
              + "PRIMARY KEY (tier, name))"));

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = MIGRATIONS.size();

  private Schema() {
  }

  /**
   * Brings the database to {@link #CURRENT_VERSION}. Runs inside the caller's transaction (DDL is transactional in
   * both SQLite and PostgreSQL), so a crash mid-migration leaves the previous version intact.
   *
   * @return the version the database had before (0 for a new database)
   * @throws MetadataStoreException if the database was written by a newer Strata
   */
  static int migrate(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS " + VERSIONS + " ("
          + "version INTEGER NOT NULL PRIMARY KEY, applied_time BIGINT NOT NULL)");
    }
    int found;
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT MAX(version) FROM " + VERSIONS)) {
      rs.next();
      found = rs.getInt(1);
    }
    if (found > CURRENT_VERSION) {
      throw new MetadataStoreException("the metadata database has schema version " + found
          + " but this Strata supports up to version " + CURRENT_VERSION + "; run a newer Strata");
    }
    for (int v = found; v < CURRENT_VERSION; v++) {
      try (Statement st = c.createStatement()) {
        for (String ddl : MIGRATIONS.get(v)) {
          st.execute(ddl);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + VERSIONS + " (version, applied_time) VALUES (?, ?)")) {
        ps.setInt(1, v + 1);
        ps.setLong(2, System.currentTimeMillis());
        ps.executeUpdate();
      }
      LOG.info("Metadata schema migrated to version {}", v + 1);
    }
    return found;
  }
}
