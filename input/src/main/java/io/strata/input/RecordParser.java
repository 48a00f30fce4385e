package io.strata.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.TimestampSpec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one stream record (a Kafka message value, a pushed event) into rows with an {@code inputFormat}, as Druid's
 * streaming ingestion reads records: a JSON record holds one object or several in sequence, whatever its line
 * breaks; a CSV or TSV record holds one or more lines. The format's set-up (flattenSpec paths, timestamp parser) is
 * made once and reused for every record.
 *
 * <p>Not thread-safe: one per reading thread.
 */
public final class RecordParser {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final InputFormatSpec format;
  private final TimestampSpec timestampSpec;
  private final JsonFlattener flattener;
  private final TimestampParser timestamps;

  private RecordParser(InputFormatSpec format, TimestampSpec timestampSpec) {
    this.format = format;
    this.timestampSpec = timestampSpec == null ? TimestampSpec.defaults() : timestampSpec;
    this.timestamps = TimestampParser.create(this.timestampSpec);
    if (format == null || format instanceof InputFormatSpec.JsonFormat) {
      InputFormatSpec.JsonFormat json = (InputFormatSpec.JsonFormat) format;
      this.flattener = JsonFlattener.create(json == null ? null : json.flattenSpec(),
          json != null && Boolean.TRUE.equals(json.keepNullColumns()), this.timestampSpec.column());
    } else {
      this.flattener = null;
    }
  }

  /**
   * @throws io.strata.api.error.InvalidInputException if the format cannot be used for records (CSV or TSV that
   *                                                   would find its columns in a header: a stream has none)
   */
  public static RecordParser create(InputFormatSpec format, TimestampSpec timestampSpec) {
    if (format instanceof InputFormatSpec.Csv c && c.findColumnsFromHeader()
        || format instanceof InputFormatSpec.Tsv t && t.findColumnsFromHeader()) {
      throw new io.strata.api.error.InvalidInputException("findColumnsFromHeader", "a stream has no header row: give "
          + "the inputFormat its columns");
    }
    InputFormats.validate(format, timestampSpec);
    return new RecordParser(format, timestampSpec);
  }

  /**
   * The rows of one record, in order.
   *
   * @throws ParseException if the record (or any row in it) cannot be parsed; then none of its rows is returned
   */
  public List<InputRow> parse(byte[] value) {
    if (value == null) {
      throw new ParseException(null, true, "Unable to parse a record without a value");
    }
    if (flattener != null) {
      return parseJson(value);
    }
    List<InputRow> out = new ArrayList<>(1);
    try (InputRowReader reader = InputFormats.open(format, timestampSpec, new RecordSplit(value))) {
      for (InputRow row = reader.next(); row != null; row = reader.next()) {
        out.add(row);
      }
    } catch (IOException e) {
      throw new ParseException(text(value), true, "Unable to read record: " + e.getMessage());
    }
    return out;
  }

  private List<InputRow> parseJson(byte[] value) {
    List<InputRow> out = new ArrayList<>(1);
    try (JsonParser p = FACTORY.createParser(value)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw new ParseException(text(value), true, "Unable to parse row [" + text(value)
              + "]: expected a JSON object");
        }
        JsonFlattener.Parsed parsed = flattener.read(p);
        long millis;
        try {
          millis = timestamps.parse(parsed.timestamp());
        } catch (ParseException e) {
          throw TimestampParser.rowError(parsed.timestamp(), parsed.fields(), text(value), e);
        }
        out.add(new MapInputRow(millis, parsed.fields()));
      }
    } catch (JsonProcessingException e) {
      ParseException pe = new ParseException(text(value), true, "Unable to parse row [" + text(value) + "]: "
          + e.getOriginalMessage());
      pe.initCause(e);
      throw pe;
    } catch (IOException e) {
      throw new ParseException(text(value), true, "Unable to parse row [" + text(value) + "]: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new ParseException(text(value), true, "Unable to parse row [" + text(value) + "]: the record is empty");
    }
    return out;
  }

  private static String text(byte[] value) {
    String s = new String(value, StandardCharsets.UTF_8);
    return s.length() > 1000 ? s.substring(0, 1000) + "..." : s;
  }

  /** One record's bytes as a split. */
  private record RecordSplit(byte[] value) implements InputSplit {
    @Override
    public String name() {
      return "record";
    }

    @Override
    public long sizeBytes() {
      return value.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(value);
    }
  }
}
