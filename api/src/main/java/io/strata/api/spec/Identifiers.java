package io.strata.api.spec;

import io.strata.api.error.InvalidInputException;

import java.nio.charset.StandardCharsets;

/**
 * The rules for names a user chooses that end up in URLs, file names and metadata keys: datasource names and task
 * ids. They are Druid's: not empty, no leading {@code '.'}, no {@code '/'}, no whitespace but the plain space, no
 * control characters (as in Druid, whitespace means ASCII whitespace: a no-break or ideographic space is allowed),
 * and none of the characters Druid forbids because ZooKeeper paths cannot hold them (UTF-16
 * surrogates — so no characters outside the Basic Multilingual Plane —, the private use area and the specials
 * block). Anything else is fine: spaces, {@code %}, {@code !}, {@code ?}, {@code :}, any script.
 *
 * <p>On top of Druid's rules, a length limit: a datasource name becomes one directory name in deep storage, so its
 * UTF-8 form must fit a file name ({@value #MAX_NAME_BYTES} bytes on every common file system); a task id must
 * stay short enough to be a URL path segment ({@value #MAX_TASK_ID_CHARS} characters, room for any generated id).
 */
public final class Identifiers {
  /** The longest datasource name, in UTF-8 bytes: one file name. */
  public static final int MAX_NAME_BYTES = 255;
  /** The longest task id, in characters. */
  public static final int MAX_TASK_ID_CHARS = 512;

  private Identifiers() {
  }

  /**
   * Checks a datasource name.
   *
   * @return the name
   * @throws InvalidInputException naming {@code field} if it breaks a rule
   */
  public static String dataSource(String name, String field) {
    check(name, field, "dataSource");
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      throw new InvalidInputException(field, "Invalid value for field [dataSource]: Value [" + abbreviate(name)
          + "] is " + bytes + " bytes long in UTF-8; at most " + MAX_NAME_BYTES + " are allowed");
    }
    return name;
  }

  /**
   * Checks a task id.
   *
   * @return the id
   * @throws InvalidInputException naming {@code field} if it breaks a rule
   */
  public static String taskId(String id, String field) {
    check(id, field, "task ID");
    if (id.length() > MAX_TASK_ID_CHARS) {
      throw new InvalidInputException(field, "Invalid value for field [task ID]: Value [" + abbreviate(id) + "] is "
          + id.length() + " characters long; at most " + MAX_TASK_ID_CHARS + " are allowed");
    }
    return id;
  }

  /** Druid's checks and messages: {@code Invalid value for field [dataSource]: Value [.x] cannot start with '.'.} */
  private static void check(String value, String field, String what) {
    String prefix = "Invalid value for field [" + what + "]: ";
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException(field, prefix + "must not be null or empty");
    }
    if (value.startsWith(".")) {
      throw new InvalidInputException(field, prefix + "Value [" + abbreviate(value) + "] cannot start with '.'.");
    }
    if (value.indexOf('/') >= 0) {
      throw new InvalidInputException(field, prefix + "Value [" + abbreviate(value) + "] cannot contain '/'.");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        throw new InvalidInputException(field, prefix + "Value [" + printable(value) + "] contains illegal "
            + "whitespace characters. Only space is allowed.");
      }
      if (Character.isISOControl(c) || Character.isSurrogate(c) || c >= '\uE000' && c <= '\uF8FF' || c >= '\uFFF0') {
        throw new InvalidInputException(field, prefix + "Value [" + printable(value) + "] contains illegal "
            + "character #" + (int) c + " at position " + i + ".");
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  /** The value with control characters shown as {@code \\uXXXX}, so an error message stays one readable line. */
  private static String printable(String value) {
    String v = abbreviate(value);
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
