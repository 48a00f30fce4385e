package io.strata.api.util;

/**
 * Named points in the code where a crash test can make the process die on the spot, as {@code kill -9} would, at a
 * moment no timing could hit reliably (just after a commit, before anyone is told). Off unless the JVM is started
 * with {@code -Dstrata.failpoint=<name>}; then reaching that point halts the process with exit code 137 and no
 * shutdown hooks. Costs one field read when off.
 */
public final class FailPoints {
  /** Just after a publish transaction committed, before the task or the serving side learns of it. */
  public static final String PUBLISH_COMMITTED = "publish.committed";

  private static final String ARMED = System.getProperty("strata.failpoint");

  private FailPoints() {
  }

  /** Halts the process if {@code name} is the armed fail point. */
  public static void reached(String name) {
    if (ARMED != null && ARMED.equals(name)) {
      System.err.println("fail point [" + name + "] reached: halting");
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
  }
}
