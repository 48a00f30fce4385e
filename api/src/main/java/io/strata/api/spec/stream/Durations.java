package io.strata.api.spec.stream;

import io.strata.api.error.InvalidInputException;
import io.strata.api.time.Periods;

/** Durations given as ISO-8601 periods in streaming specs ({@code PT1H}, {@code PT10M}, {@code P1D}). */
public final class Durations {
  private Durations() {
  }

  /**
   * The period in milliseconds; days count 24 hours.
   *
   * @throws InvalidInputException naming {@code field} if it is not a period of fixed length
   */
  public static long millis(String iso, String field) {
    try {
      Periods.ParsedPeriod p = Periods.parse(iso, true);
      if (p.datePart().getYears() != 0 || p.datePart().getMonths() != 0) {
        throw new IllegalArgumentException("use days, hours, minutes or seconds");
      }
      return Math.addExact(Math.multiplyExact(p.datePart().getDays(), 86_400_000L), p.timePart().toMillis());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidInputException(field, "Invalid value for field [" + field + "]: [" + iso + "] is not a "
          + "duration such as PT1H or PT10M (" + e.getMessage() + ")");
    }
  }
}
