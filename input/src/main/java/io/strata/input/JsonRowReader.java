package io.strata.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Reads newline-delimited JSON: each non-blank line holds one object (or several in sequence), which
 * {@link JsonFlattener} turns into a row's fields. A line that is not valid JSON, or holds something other than
 * objects, is one unparseable record; the next call continues with the next line. Lines are parsed from their raw
 * UTF-8 bytes, so no character decoding or line string is made for good lines.
 *
 * <p>One Jackson parser reads all the complete lines in the line reader's buffer in turn (making a parser costs
 * about as much as parsing a short line). The reader checks that each object starts and ends on its own line; a line
 * where that fails, or where the parser meets an error, is parsed again on its own with a fresh parser, exactly as
 * if every line had its own parser, so errors and their messages do not depend on the lines around them.
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
  /** The parser over the complete lines from {@link #blockBase} to {@link #blockEnd} of the buffer, or null. */
  private JsonParser block;
  private int blockBase;
  private int blockEnd;
  private int blockGeneration;

  /** Whether lines share a parser; off only in tests that compare the two ways of reading. */
  private final boolean shareParser;

  JsonRowReader(LineReader lines, JsonFlattener flattener, TimestampParser timestamps) {
    this(lines, flattener, timestamps, true);
  }

  JsonRowReader(LineReader lines, JsonFlattener flattener, TimestampParser timestamps, boolean shareParser) {
    this.lines = lines;
    this.flattener = flattener;
    this.timestamps = timestamps;
    this.shareParser = shareParser;
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
    JsonFlattener.Parsed first = shareParser ? readLineFromBlock() : null;
    return first != null ? toRow(first, null) : readLineAlone();
  }

  /**
   * Reads the current line with the shared parser; null if that cannot be done cleanly (a syntax error, something
   * other than objects, an object crossing the line's end), in which case the parser is dropped and the caller
   * parses the line on its own.
   */
  private JsonFlattener.Parsed readLineFromBlock() throws IOException {
    if (block == null || lines.bufferGeneration() != blockGeneration || lines.start() < blockBase
        || lines.end() > blockEnd) {
      openBlock();
    }
    JsonParser p = block;
    int lineEnd = lines.end() - blockBase;
    try {
      if (p.nextToken() != JsonToken.START_OBJECT || position(p) - 1 < lines.start() - blockBase
          || position(p) > lineEnd) {
        return dropBlock();
      }
      JsonFlattener.Parsed first = flattener.read(p);
      int end = position(p);
      if (end > lineEnd) {
        return dropBlock();
      }
      if (restIsWhitespace(end, lineEnd)) {
        return first;
      }
      ArrayDeque<JsonFlattener.Parsed> more = new ArrayDeque<>();
      do {
        if (p.nextToken() != JsonToken.START_OBJECT || position(p) > lineEnd) {
          return dropBlock();
        }
        more.add(flattener.read(p));
        end = position(p);
        if (end > lineEnd) {
          return dropBlock();
        }
      } while (!restIsWhitespace(end, lineEnd));
      pendingLine = lines.text();
      pending.addAll(more);
      return first;
    } catch (JsonProcessingException | ParseException e) {
      return dropBlock();
    }
  }

  private void openBlock() throws IOException {
    closeBlock();
    blockBase = lines.start();
    blockEnd = lines.completeLinesEnd();
    blockGeneration = lines.bufferGeneration();
    block = FACTORY.createParser(lines.buffer(), blockBase, blockEnd - blockBase);
  }

  private JsonFlattener.Parsed dropBlock() throws IOException {
    closeBlock();
    return null;
  }

  private void closeBlock() throws IOException {
    if (block != null) {
      block.close();
      block = null;
    }
  }

  /**
   * The parser's offset from {@link #blockBase} just after its current token, which must be a one-byte token
   * ({@code &#123;} or {@code &#125;}): read from the token's recorded offset rather than through
   * {@link JsonParser#currentLocation()}, which builds a location object (with its content reference) on every call
   * and cost about 8% of a JSON ingestion's CPU at three calls a row. {@code JsonRowReaderTest} holds the two equal.
   */
  static int position(JsonParser p) {
    return (int) ((ParserBase) p).getTokenCharacterOffset();
  }

  /** True if the buffer from {@code blockBase + from} to {@code blockBase + to} holds only JSON whitespace. */
  private boolean restIsWhitespace(int from, int to) {
    byte[] b = lines.buffer();
    for (int i = blockBase + from; i < blockBase + to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Parses the current line with a parser of its own: the reference behaviour, and the way errors are reported. */
  private InputRow readLineAlone() throws IOException {
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
    closeBlock();
    lines.close();
  }
}
