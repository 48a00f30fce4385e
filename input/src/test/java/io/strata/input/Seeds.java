package io.strata.input;

/** The seed of a randomized test: {@code -Dtests.seed=N} to replay, else fresh; always printed. */
final class Seeds {
  private Seeds() {
  }

  static long seed(String test) {
    String fixed = System.getProperty("tests.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    System.out.println(test + " seed=" + seed + " (replay with -Dtests.seed=" + seed + ")");
    return seed;
  }
}
