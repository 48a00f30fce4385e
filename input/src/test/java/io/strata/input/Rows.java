package io.strata.input;

import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.InputSourceSpec;
import io.strata.api.spec.TimestampSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read every row and parse error of some inline text. */
final class Rows {
  /** What a full read produced, in order. */
  record Result(List<InputRow> rows, List<ParseException> errors, long bytesRead) {
    InputRow row(int i) {
      return rows.get(i);
    }
  }

  private Rows() {
  }

  static InputSplit inline(String data) {
    try {
      return InputSources.splits(new InputSourceSpec.Inline(data), null).get(0);
    } catch (InputSourceException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Result read(InputFormatSpec format, TimestampSpec timestampSpec, String data) {
    try (InputRowReader reader = InputFormats.open(format, timestampSpec, inline(data))) {
      return readAll(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Result readAll(InputRowReader reader) throws IOException {
    List<InputRow> rows = new ArrayList<>();
    List<ParseException> errors = new ArrayList<>();
    while (true) {
      try {
        InputRow row = reader.next();
        if (row == null) {
          break;
        }
        rows.add(row);
      } catch (ParseException e) {
        errors.add(e);
      }
    }
    return new Result(rows, errors, reader.bytesRead());
  }
}
