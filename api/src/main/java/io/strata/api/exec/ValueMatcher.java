package io.strata.api.exec;

/** Tells whether the cursor's current row matches. Not thread-safe. */
@FunctionalInterface
public interface ValueMatcher {
  boolean matches();
}
