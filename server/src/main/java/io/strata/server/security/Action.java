package io.strata.server.security;

/** What a permission allows on its resource. */
public enum Action {
  READ, WRITE
}
