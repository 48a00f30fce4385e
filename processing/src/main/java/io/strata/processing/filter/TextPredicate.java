package io.strata.processing.filter;

import io.strata.api.error.InvalidInputException;
import io.strata.api.query.FilterSpec;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A match on a value's text: {@code regex} (the pattern found anywhere in it), {@code like} (SQL LIKE, the whole
 * value) and {@code search} (contains, insensitive_contains, fragment, regex). Numbers match by their usual text
 * ({@code 10}, {@code 2.5}), as Druid compares them; a null value is UNKNOWN (no match, and none under a
 * {@code not} either).
 */
final class TextPredicate extends MatchPredicate {
  private final Predicate<String> test;
  private final String description;

  private TextPredicate(Predicate<String> test, String description) {
    this.test = test;
    this.description = description;
  }

  static TextPredicate regex(String pattern) {
    Pattern p = compile(pattern, 0, "pattern");
    return new TextPredicate(s -> p.matcher(s).find(), "REGEX " + pattern);
  }

  /** SQL LIKE: {@code %} any run of characters, {@code _} one character, {@code escape} makes them literal. */
  static TextPredicate like(String pattern, String escape) {
    if (escape != null && escape.length() != 1) {
      throw new InvalidInputException("escape", "escape must be a single character, got [" + escape + "]");
    }
    Character esc = escape == null ? null : escape.charAt(0);
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (esc != null && c == esc) {
        if (i + 1 < pattern.length()) {
          literal.append(pattern.charAt(++i));
        } else {
          literal.append(c);
        }
      } else if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    Pattern p = Pattern.compile(regex.toString(), Pattern.DOTALL);
    return new TextPredicate(s -> p.matcher(s).matches(), "LIKE " + pattern);
  }

  static TextPredicate search(FilterSpec.SearchQuerySpec q) {
    return switch (q.type()) {
      case "contains" -> contains(q.value(), Boolean.TRUE.equals(q.caseSensitive()));
      case "insensitive_contains" -> contains(q.value(), false);
      case "fragment" -> {
        boolean sensitive = Boolean.TRUE.equals(q.caseSensitive());
        List<String> values = q.values().stream()
            .map(v -> sensitive ? v : v.toLowerCase(Locale.ROOT)).toList();
        yield new TextPredicate(s -> {
          String in = sensitive ? s : s.toLowerCase(Locale.ROOT);
          for (String v : values) {
            if (!in.contains(v)) {
              return false;
            }
          }
          return true;
        }, "FRAGMENT " + values);
      }
      case "regex" -> {
        Pattern p = compile(q.pattern(), 0, "query.pattern");
        yield new TextPredicate(s -> p.matcher(s).find(), "SEARCH REGEX " + q.pattern());
      }
      default -> throw new InvalidInputException("query.type", "Unknown search query type [" + q.type()
          + "]; known types: contains, insensitive_contains, fragment, regex");
    };
  }

  private static TextPredicate contains(String value, boolean caseSensitive) {
    if (caseSensitive) {
      return new TextPredicate(s -> s.contains(value), "CONTAINS " + value);
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return new TextPredicate(s -> s.toLowerCase(Locale.ROOT).contains(lower), "ICONTAINS " + value);
  }

  private static Pattern compile(String pattern, int flags, String field) {
    try {
      return Pattern.compile(pattern, flags);
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException(field, "Invalid regular expression [" + pattern + "]: " + e.getDescription());
    }
  }

  @Override
  boolean matchesNull(boolean includeUnknown) {
    return includeUnknown;
  }

  @Override
  boolean matchesString(String value) {
    return test.test(value);
  }

  @Override
  boolean matchesLong(long value) {
    return test.test(Long.toString(value));
  }

  @Override
  boolean matchesDouble(double value) {
    return test.test(Double.toString(value));
  }

  @Override
  boolean matchesFloat(float value) {
    return test.test(Float.toString(value));
  }

  @Override
  public String toString() {
    return description;
  }
}
