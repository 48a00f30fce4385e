package io.strata.input;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An {@code inputSource} that cannot be listed: a {@code baseDir} or file that does not exist, is not the expected
 * kind of file, or cannot be read. The message names the path so the task report tells the user what to fix.
 *
 * <p>It is checked (an {@link IOException}) because it comes from the file system at task run time, not from the
 * spec's JSON: the same spec can succeed once the files are in place.
 */
public class InputSourceException extends IOException {
  private final transient Path path;

  public InputSourceException(Path path, String message) {
    super(message);
    this.path = path;
  }

  public InputSourceException(Path path, String message, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /** The path at fault, or null if the fault is not tied to one path. */
  public Path path() {
    return path;
  }
}
