package io.strata.api.error;

import java.util.regex.Pattern;

/** What may leave the server in a message: the user's terms, never a Java class name. */
public final class Messages {
  /** A qualified name in a Java package a message might leak ({@code java.lang.Integer}, {@code io.strata.x.Y}). */
  private static final Pattern QUALIFIED_JAVA_NAME = Pattern.compile(
      "`?\\b(?:java|javax|jdk|sun|com\\.fasterxml|com\\.github|io\\.strata|org\\.eclipse|org\\.sqlite|org\\.apache|"
          + "org\\.roaringbitmap|net\\.jpountz|com\\.jayway)(?:\\.[A-Za-z_$][\\w$]*)+(?:\\[])*`?");

  private Messages() {
  }

  /** The message with qualified Java names replaced by "value"; null stays null. */
  public static String scrub(String message) {
    if (message == null) {
      return null;
    }
    return QUALIFIED_JAVA_NAME.matcher(message).replaceAll("value");
  }
}
