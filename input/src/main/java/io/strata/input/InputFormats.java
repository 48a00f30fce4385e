package io.strata.input;

import io.strata.api.error.InvalidInputException;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.TimestampSpec;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Opens an {@link InputRowReader} for an {@code inputFormat} over one {@link InputSplit}: the seam between where
 * bytes come from ({@link InputSources}) and how they become rows.
 *
 * <ul>
 *   <li>{@code json}: newline-delimited objects, flattened by the format's {@code flattenSpec}.</li>
 *   <li>{@code csv} and {@code tsv}: one record per line, with the format's columns, header and list
 *       delimiter (Ctrl-A, U+0001, unless set, as in Druid).</li>
 * </ul>
 *
 * <p>Every row's {@code timestampSpec} column is parsed into {@link io.strata.api.input.InputRow#timestamp()} by a
 * {@link TimestampParser}; the column also stays an ordinary field of the row.
 */
public final class InputFormats {
  /** Druid's default {@code listDelimiter} for csv and tsv: Ctrl-A. */
  public static final String DEFAULT_LIST_DELIMITER = "\u0001";

  private InputFormats() {
  }

  /**
   * @param format        the input format; null means {@code json} (an inline source may leave it out)
   * @param timestampSpec where each row's timestamp comes from; null means the defaults (column timestamp, auto)
   * @throws io.strata.api.error.InvalidInputException if the format or timestampSpec cannot be used (a bad path
   *                                                   expression or timestamp pattern); checked before any I/O
   * @throws IOException                               if the split cannot be opened
   */
  public static InputRowReader open(InputFormatSpec format, TimestampSpec timestampSpec, InputSplit split)
      throws IOException {
    TimestampSpec ts = timestampSpec == null ? TimestampSpec.defaults() : timestampSpec;
    TimestampParser timestamps = TimestampParser.create(ts);
    if (format == null || format instanceof InputFormatSpec.JsonFormat) {
      InputFormatSpec.JsonFormat json = (InputFormatSpec.JsonFormat) format;
      JsonFlattener flattener = JsonFlattener.create(json == null ? null : json.flattenSpec(),
          json != null && Boolean.TRUE.equals(json.keepNullColumns()), ts.column());
      return new JsonRowReader(new LineReader(split.open()), flattener, timestamps);
    }
    if (format instanceof InputFormatSpec.Csv csv) {
      return delimited(split, ",", csv.listDelimiter(), csv.columns(), csv.skipHeaderRows(), timestamps, ts);
    }
    InputFormatSpec.Tsv tsv = (InputFormatSpec.Tsv) format;
    return delimited(split, tsv.delimiter(), tsv.listDelimiter(), tsv.columns(), tsv.skipHeaderRows(), timestamps, ts);
  }

  /**
   * Checks that a format and timestampSpec can be used (flattenSpec paths compile, the timestamp pattern parses, csv
   * and tsv options make sense) without opening any input.
   *
   * @throws InvalidInputException naming the field at fault
   */
  public static void validate(InputFormatSpec format, TimestampSpec timestampSpec) {
    TimestampSpec ts = timestampSpec == null ? TimestampSpec.defaults() : timestampSpec;
    TimestampParser.create(ts);
    if (format == null || format instanceof InputFormatSpec.JsonFormat) {
      InputFormatSpec.JsonFormat json = (InputFormatSpec.JsonFormat) format;
      JsonFlattener.create(json == null ? null : json.flattenSpec(),
          json != null && Boolean.TRUE.equals(json.keepNullColumns()), ts.column());
    } else if (format instanceof InputFormatSpec.Csv csv) {
      checkDelimited(",", csv.columns(), csv.skipHeaderRows());
    } else if (format instanceof InputFormatSpec.Tsv tsv) {
      checkDelimited(tsv.delimiter(), tsv.columns(), tsv.skipHeaderRows());
    }
  }

  private static InputRowReader delimited(InputSplit split, String delimiter, String listDelimiter,
                                          List<String> columns, int skipHeaderRows, TimestampParser timestamps,
                                          TimestampSpec ts) throws IOException {
    List<String> fixed = checkDelimited(delimiter, columns, skipHeaderRows);
    String list = listDelimiter == null ? DEFAULT_LIST_DELIMITER : listDelimiter;
    return new DelimitedRowReader(new LineReader(split.open()), delimiter, list, fixed, skipHeaderRows, split.name(),
        timestamps, ts.column());
  }

  /** Checks csv/tsv options; returns the fixed columns, or null to take them from the header. */
  private static List<String> checkDelimited(String delimiter, List<String> columns, int skipHeaderRows) {
    if (delimiter == null || delimiter.isEmpty() || delimiter.indexOf('"') >= 0 || delimiter.indexOf('\n') >= 0
        || delimiter.indexOf('\r') >= 0) {
      throw new InvalidInputException("delimiter", "inputFormat delimiter [" + delimiter + "] must be a non-empty "
          + "string without quotes or line breaks, for example \"\\t\"");
    }
    if (skipHeaderRows < 0) {
      throw new InvalidInputException("skipHeaderRows", "skipHeaderRows must not be negative, got " + skipHeaderRows);
    }
    // findColumnsFromHeader and columns are exclusive (the spec checks it), so no columns means "from the header".
    List<String> fixed = columns == null || columns.isEmpty() ? null : columns;
    if (fixed != null) {
      Set<String> seen = new HashSet<>();
      for (String c : fixed) {
        if (c == null || c.isEmpty() || !seen.add(c)) {
          throw new InvalidInputException("columns", "inputFormat columns " + fixed + " must be non-empty, distinct "
              + "names; [" + c + "] is not");
        }
      }
    }
    return fixed;
  }
}
