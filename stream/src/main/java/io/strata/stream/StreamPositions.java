package io.strata.stream;

import java.util.Comparator;

/**
 * The order of stream positions. Positions are non-negative decimal integers (Kafka offsets, Kinesis sequence
 * numbers of up to 56 digits) compared as numbers without parsing them, or markers (any text that is not a number,
 * such as a Kinesis shard's "nothing read yet"), which sort before every number.
 */
public final class StreamPositions {
  /** Numbers by value; markers first, among themselves by text. */
  public static final Comparator<String> ORDER = StreamPositions::compare;

  private StreamPositions() {
  }

  public static int compare(String a, String b) {
    boolean an = isNumber(a);
    boolean bn = isNumber(b);
    if (an != bn) {
      return an ? 1 : -1;
    }
    if (!an) {
      return a.compareTo(b);
    }
    String x = stripZeros(a);
    String y = stripZeros(b);
    int byLength = Integer.compare(x.length(), y.length());
    return byLength != 0 ? byLength : x.compareTo(y);
  }

  /** True for a non-empty string of ASCII digits. */
  public static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return i == 0 ? s : s.substring(i);
  }
}
