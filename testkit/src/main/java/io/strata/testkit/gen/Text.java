package io.strata.testkit.gen;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One vocabulary value, escaped once per output format so that writing a row is only appending: {@link #json()} is
 * the quoted JSON string (escaped by Jackson), {@link #csv()} and {@link #tsv()} the field as Commons CSV writes it
 * (quoted only when it holds a delimiter, quote or line break). Each form is made on first use, so a generator that
 * only writes JSON never escapes for CSV. The lazy fields are written racily but idempotently.
 */
final class Text {
  static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
  static final CSVFormat TSV = CSVFormat.DEFAULT.builder().setDelimiter('\t').setRecordSeparator('\n').build();

  private final String raw;
  private String json;
  private String csv;
  private String tsv;

  Text(String raw) {
    this.raw = raw;
  }

  String raw() {
    return raw;
  }

  String json() {
    String j = json;
    if (j == null) {
      json = j = json(raw);
    }
    return j;
  }

  String csv() {
    String c = csv;
    if (c == null) {
      csv = c = field(CSV, raw);
    }
    return c;
  }

  String tsv() {
    String t = tsv;
    if (t == null) {
      tsv = t = field(TSV, raw);
    }
    return t;
  }

  static String json(String raw) {
    StringBuilder out = new StringBuilder(raw.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(raw, out);
    return out.append('"').toString();
  }

  static String field(CSVFormat format, String raw) {
    StringBuilder out = new StringBuilder(raw.length() + 2);
    try {
      format.print(raw, out, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return raw;
  }
}
