package io.strata.server.security;

/**
 * One thing a request wants to do: an action on a named resource, such as READ on DATASOURCE {@code wikipedia}.
 *
 * @param name the resource name (for a permission, a regular expression the name must match whole)
 */
public record ResourceAction(String name, ResourceType type, Action action) {
  public static ResourceAction readDataSource(String ds) {
    return new ResourceAction(ds, ResourceType.DATASOURCE, Action.READ);
  }

  public static ResourceAction writeDataSource(String ds) {
    return new ResourceAction(ds, ResourceType.DATASOURCE, Action.WRITE);
  }

  @Override
  public String toString() {
    return action + " on " + type + " [" + name + "]";
  }
}
