package io.strata.api.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch-directory housekeeping shared by the tasks. */
public final class Directories {
  private Directories() {
  }

  /**
   * Deletes {@code dir} and everything under it, as far as it can: a leftover scratch file is wiped at the next
   * server start, so a failure here is not worth failing the caller for.
   */
  public static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort, as above
        }
      });
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // best effort, as above
    }
  }
}
