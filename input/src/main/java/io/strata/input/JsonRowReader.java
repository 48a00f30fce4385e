package io.strata.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Reads newline-delimited JSON: each non-blank line holds one object (or several in sequence), which
 * {@link JsonFlattener} turns into a row's fields. A line that is not valid JSON, or holds something other than
 * objects, is one unparseable record; the next call continues with the next line. Each line is parsed from its raw
 * UTF-8 bytes, so no character decoding or line string is made for good lines.
 */
final class JsonRowReader implements InputRowReader {
  /** Shared so that all parsers use one field-name table: field names come back as the same interned strings. */
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final LineReader lines;
  private final JsonFlattener flattener;
  private final TimestampParser timestamps;
  /** Further objects read from the current line, with that line's text for error reports. */
  private final ArrayDeque<JsonFlattener.Parsed> pending = new ArrayDeque<>();
  private String pendingLine;

  JsonRowReader(LineReader lines, JsonFlattener flattener, TimestampParser timestamps) {
    this.lines = lines;
    this.flattener = flattener;
    this.timestamps = timestamps;
  }

  @Override
  public InputRow next() throws IOException {
    if (!pending.isEmpty()) {
      return toRow(pending.poll(), pendingLine);
    }
    while (lines.next()) {
      if (lines.isBlank()) {
        continue;
      }
      return readLine();
    }
    return null;
  }

  private InputRow readLine() throws IOException {
    JsonFlattener.Parsed first;
    try (JsonParser p = FACTORY.createParser(lines.buffer(), lines.start(), lines.length())) {
      first = readObject(p, p.nextToken());
      JsonToken t = p.nextToken();
      if (t != null) {
        pendingLine = lines.text();
        while (t != null) {
          pending.add(readObject(p, t));
          t = p.nextToken();
        }
      }
    } catch (JsonProcessingException e) {
      pending.clear();
      String text = lines.text();
      ParseException pe = new ParseException(text, true, "Unable to parse row [" + text + "]: "
          + e.getOriginalMessage());
      pe.initCause(e);
      throw pe;
    } catch (ParseException e) {
      // A line is read whole or not at all: objects before the bad one are dropped with it.
      pending.clear();
      throw e;
    }
    return toRow(first, null);
  }

  private JsonFlattener.Parsed readObject(JsonParser p, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      String text = lines.text();
      throw new ParseException(text, true, "Unable to parse row [" + text + "]: expected a JSON object but found "
          + describe(token));
    }
    return flattener.read(p);
  }

  private InputRow toRow(JsonFlattener.Parsed parsed, String lineText) {
    Object ts = parsed.timestamp();
    long millis;
    try {
      millis = timestamps.parse(ts);
    } catch (ParseException e) {
      // The line text is only made for bad rows.
      throw TimestampParser.rowError(ts, parsed.fields(), lineText != null ? lineText : lines.text(), e);
    }
    return new MapInputRow(millis, parsed.fields());
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString();
    };
  }

  @Override
  public long bytesRead() {
    return lines.bytesRead();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
