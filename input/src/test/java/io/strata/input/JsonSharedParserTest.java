package io.strata.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.json.Json;
import io.strata.api.spec.FlattenSpec;
import io.strata.api.spec.TimestampSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON reader shares one parser across the lines of a buffer; this pits it against reading every line with a
 * parser of its own (the reference) on seeded random mixes of good lines and every kind of bad line, delivered in
 * random-sized reads so buffer refills land anywhere. Rows, error messages and byte counts must be identical.
 */
class JsonSharedParserTest {
  private static final String[] LINES = {
      "{\"timestamp\":\"2013-08-31T01:02:33Z\",\"page\":\"P%d\",\"added\":%d,\"robot\":true}",
      "{\"timestamp\":%d000,\"s\":\"esc \\\"q\\\" \\u00e9 %d\",\"n\":null,\"l\":[\"a\",1,null],\"o\":{\"x\":1}}",
      "   {\"timestamp\":\"2013-09-01\",\"v\":%d.5}\t ",
      "{\"timestamp\":%d,\"a\":1}{\"timestamp\":%d,\"b\":2}",
      "{\"timestamp\":%d,\"a\":1} {\"timestamp\":%d,\"b\":2}  {\"timestamp\":3,\"c\":\"é%d\"}",
      "{\"timestamp\":%d,\"a\":1} x%d",
      "{\"timestamp\":%d,\"a\":1,",
      "{\"timestamp\":%d,",
      "  \"a\": %d}",
      "%d",
      "[%d, 2]",
      "\"str%d\"",
      "{\"timestamp\":%d,\"a\":1,}",
      "{\"timestamp\":%d,\"a\":1}}",
      "{\"a\":%d}",
      "{\"timestamp\":\"not a time %d\"}",
      "{}{}",
      "{\"timestamp\":%d,\"deep\":{\"user\":{\"id\":%d}}}",
      "",
      "   ",
      "\t",
      "\r",
      "\r\r",
      "{\"timestamp\":%d,\"a\":\"x\"}\r",
      "{\"timestamp\":%d,\"a\":\"x\"} \r",
      "nul",
      "{\"timestamp\":%d,\"a\":tru}",
      "{\"timestamp\":%d,\"a\":\"unterminated}",
  };

  @Test
  void sharedParserReadsExactlyLikeOneParserPerLine() throws IOException {
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      StringBuilder data = new StringBuilder();
      int lines = 200 + random.nextInt(3000);
      for (int i = 0; i < lines; i++) {
        // Mostly good lines, as real data is.
        String template = random.nextInt(3) == 0 ? LINES[random.nextInt(LINES.length)] : LINES[random.nextInt(2)];
        int a = random.nextInt(100_000);
        data.append(template.replace("%d", Integer.toString(a)));
        if (i < lines - 1 || random.nextBoolean()) {
          data.append('\n');
        }
      }
      byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
      for (JsonFlattener flattener : flatteners()) {
        List<String> shared = readAll(bytes, flattener, true, new Random(seed));
        List<String> alone = readAll(bytes, flattener, false, new Random(seed + 1000));
        assertThat(shared).as("seed %d", seed).isEqualTo(alone);
        assertThat(shared).anyMatch(s -> s.startsWith("row")).anyMatch(s -> s.startsWith("error"));
      }
    }
  }

  @Test
  void aLongFileOfGoodLinesCrossesManyBuffers() throws IOException {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      data.append("{\"timestamp\":").append(1000L * i).append(",\"page\":\"page-").append(i % 97)
          .append("\",\"added\":").append(i).append("}\n");
    }
    byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
    List<String> shared = readAll(bytes, JsonFlattener.create(null, false, "timestamp"), true, new Random(7));
    assertThat(shared).hasSize(20_001);
    assertThat(shared.subList(0, 20_000)).allMatch(s -> s.startsWith("row"));
    assertThat(shared.get(19_999)).contains("page-" + (19_999 % 97)).contains("added=19999");
  }

  @Test
  void positionIsWhereTheParserSaysItIsAfterEveryBrace() throws IOException {
    // The reader takes a brace's end offset from a field of Jackson's parser; that must keep meaning what the
    // parser's public location says, after any kind of value, multi-byte text, whitespace and a non-zero start.
    JsonFactory factory = JsonFactory.builder().build();
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      StringBuilder data = new StringBuilder("xyz");
      for (int i = 0; i < 300; i++) {
        String template = LINES[random.nextInt(5)];
        data.append(template.replace("%d", Integer.toString(random.nextInt(100_000)))).append(" \r\n".repeat(
            random.nextInt(2)));
        data.append(random.nextBoolean() ? "\n" : "  \t");
      }
      byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
      int braces = 0;
      try (JsonParser p = factory.createParser(bytes, 3, bytes.length - 3)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.START_OBJECT || t == JsonToken.END_OBJECT) {
            assertThat(JsonRowReader.position(p)).as("seed %d, %s", seed, t)
                .isEqualTo((int) p.currentLocation().getByteOffset());
            braces++;
          }
        }
      }
      assertThat(braces).isGreaterThan(600);
    }
  }

  private static List<JsonFlattener> flatteners() throws IOException {
    FlattenSpec paths = Json.MAPPER.readValue("""
        {"useFieldDiscovery": true, "fields": [{"type": "path", "name": "userId", "expr": "$.deep.user.id"}]}
        """, FlattenSpec.class);
    return List.of(JsonFlattener.create(null, false, "timestamp"), JsonFlattener.create(null, true, "timestamp"),
        JsonFlattener.create(paths, false, "timestamp"));
  }

  /** Every row and error of the data, with the byte count after each, as text. */
  private static List<String> readAll(byte[] data, JsonFlattener flattener, boolean shareParser, Random chunks)
      throws IOException {
    List<String> out = new ArrayList<>();
    TimestampParser timestamps = TimestampParser.create(TimestampSpec.defaults());
    try (JsonRowReader reader = new JsonRowReader(new LineReader(new TricklingStream(data, chunks)), flattener,
        timestamps, shareParser)) {
      while (true) {
        try {
          InputRow row = reader.next();
          if (row == null) {
            break;
          }
          out.add("row " + row + " @" + reader.bytesRead());
        } catch (ParseException e) {
          out.add("error " + e.getMessage() + " @" + reader.bytesRead());
        }
      }
      out.add("end @" + reader.bytesRead());
    }
    return out;
  }

  /** Hands out the data in random-sized reads, from a byte to 100 KiB. */
  private static final class TricklingStream extends InputStream {
    private final ByteArrayInputStream in;
    private final Random random;

    TricklingStream(byte[] data, Random random) {
      this.in = new ByteArrayInputStream(data);
      this.random = random;
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = random.nextInt(4) == 0 ? 1 + random.nextInt(64) : 1 + random.nextInt(100 << 10);
      return in.read(b, off, Math.min(len, n));
    }
  }
}
