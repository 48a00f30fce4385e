package io.strata.api.util;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Paths built from names a user chose (datasource names, task ids, versions). Every such path goes through here:
 * the name must be exactly one path component, so the result is a direct child of its parent whatever the name
 * holds — {@code "."}, {@code ".."}, a separator or a NUL can never reach a sibling, the parent itself or anything
 * above it.
 */
public final class SafePaths {
  /** The longest file name, in UTF-8 bytes, on every common file system. */
  public static final int MAX_FILE_NAME_BYTES = 255;

  private SafePaths() {
  }

  /**
   * The direct child {@code name} of {@code parent}.
   *
   * @throws IllegalArgumentException if {@code name} is not a single ordinary path component (empty, {@code "."},
   *                                  {@code ".."}, contains a separator or NUL, or is longer than a file name may be)
   */
  public static Path child(Path parent, String name) {
    if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0 && isWindows() || name.indexOf('\0') >= 0
        || name.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME_BYTES) {
      throw new IllegalArgumentException("[" + name + "] cannot be a file name under " + parent);
    }
    Path base = parent.toAbsolutePath().normalize();
    Path child;
    try {
      child = base.resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("[" + name + "] cannot be a file name under " + parent, e);
    }
    if (!base.equals(child.getParent())) {
      throw new IllegalArgumentException("[" + name + "] does not stay inside " + parent);
    }
    return child;
  }

  /**
   * A file name for {@code name}: the name itself when it can be one (see {@link #child}), otherwise (too long, or a
   * character a file name cannot hold) a readable prefix of it followed by a hash of the whole, so different names
   * get different file names.
   */
  public static String fileNameFor(String name) {
    if (!name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\0') < 0
        && name.indexOf('\\') < 0 && name.getBytes(StandardCharsets.UTF_8).length <= MAX_FILE_NAME_BYTES) {
      return name;
    }
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < name.length() && prefix.length() < 64; i++) {
      char c = name.charAt(i);
      prefix.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '_');
    }
    return prefix + "-" + sha256Hex(name).substring(0, 32);
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}
