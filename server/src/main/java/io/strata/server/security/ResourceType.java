package io.strata.server.security;

/**
 * What a permission is about, Druid's resource types: {@code DATASOURCE} (data: queries, tasks, segments),
 * {@code STATE} (cluster state: status, servers), {@code CONFIG} (configuration, the security API itself),
 * {@code EXTERNAL} (input sources of ingestion), and the types Druid has for SQL ({@code VIEW},
 * {@code SYSTEM_TABLE}, {@code QUERY_CONTEXT}), kept so that Druid role definitions load unchanged.
 */
public enum ResourceType {
  DATASOURCE, STATE, CONFIG, EXTERNAL, VIEW, SYSTEM_TABLE, QUERY_CONTEXT
}
