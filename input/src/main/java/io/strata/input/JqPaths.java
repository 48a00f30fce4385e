package io.strata.input;

/**
 * Translates the simple jq paths a flattenSpec {@code jq} field may use into JsonPath, so that one path engine serves
 * both field types: {@code .user.id} becomes {@code $['user']['id']}, {@code .a[0]} becomes {@code $['a'][0]},
 * {@code .["odd key"]} and {@code ."odd key"} select keys that are not identifiers, and {@code .tags[]} becomes
 * {@code $['tags'][*]}. jq's filters, pipes and functions are not supported and are rejected.
 */
final class JqPaths {
  private JqPaths() {
  }

  /** @throws IllegalArgumentException if the expression is not a simple jq path */
  static String toJsonPath(String jq) {
    String s = jq.trim();
    if (s.isEmpty() || s.charAt(0) != '.') {
      throw new IllegalArgumentException("jq expression [" + jq + "] must start with '.', for example .user.id");
    }
    StringBuilder out = new StringBuilder("$");
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '.') {
        i++;
        if (i == n) {
          if (n == 1) {
            break;
          }
          throw new IllegalArgumentException("jq expression [" + jq + "] ends with '.'");
        }
        char d = s.charAt(i);
        if (d == '"') {
          StringBuilder key = new StringBuilder();
          i = readQuoted(s, i, key, jq);
          appendKey(out, key);
        } else if (d != '[') {
          int start = i;
          while (i < n && isIdentifierChar(s.charAt(i))) {
            i++;
          }
          if (i == start) {
            throw new IllegalArgumentException("jq expression [" + jq + "]: expected a field name at position "
                + start);
          }
          appendKey(out, s.substring(start, i));
        }
      } else if (c == '[') {
        i = readBracket(s, i, out, jq);
      } else {
        throw new IllegalArgumentException("jq expression [" + jq + "]: only paths such as .a.b, .a[0], .a[] and "
            + ".[\"key\"] are supported; unexpected '" + c + "' at position " + i);
      }
    }
    return out.toString();
  }

  private static int readBracket(String s, int open, StringBuilder out, String jq) {
    int i = open + 1;
    int n = s.length();
    if (i < n && s.charAt(i) == '"') {
      StringBuilder key = new StringBuilder();
      i = readQuoted(s, i, key, jq);
      appendKey(out, key);
    } else {
      int start = i;
      while (i < n && s.charAt(i) != ']') {
        i++;
      }
      String index = s.substring(start, i).trim();
      if (index.isEmpty()) {
        out.append("[*]");
      } else if (index.matches("-?\\d+")) {
        out.append('[').append(index).append(']');
      } else {
        throw new IllegalArgumentException("jq expression [" + jq + "]: unsupported index [" + index + "]");
      }
    }
    if (i >= n || s.charAt(i) != ']') {
      throw new IllegalArgumentException("jq expression [" + jq + "]: missing ']' for '[' at position " + open);
    }
    return i + 1;
  }

  /** Reads a double-quoted key starting at {@code quote}; returns the index after the closing quote. */
  private static int readQuoted(String s, int quote, StringBuilder key, String jq) {
    int i = quote + 1;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n) {
        key.append(s.charAt(i + 1));
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        key.append(c);
        i++;
      }
    }
    throw new IllegalArgumentException("jq expression [" + jq + "]: unterminated quoted key at position " + quote);
  }

  private static void appendKey(StringBuilder out, CharSequence key) {
    out.append("['");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\'' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append("']");
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
