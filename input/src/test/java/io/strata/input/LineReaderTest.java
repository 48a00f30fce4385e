package io.strata.input;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {
  /** Hands out at most a few bytes per read, so that lines straddle every buffer boundary. */
  private static InputStream trickle(byte[] data, Random random) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
      }
    };
  }

  private static List<String> readAll(LineReader reader) throws IOException {
    List<String> out = new ArrayList<>();
    while (reader.next()) {
      out.add(reader.text());
    }
    return out;
  }

  @Test
  void randomTextSplitsLikeStringSplit() throws IOException {
    long seed = Seeds.seed("randomTextSplitsLikeStringSplit");
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      List<String> lines = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      int count = random.nextInt(20);
      for (int i = 0; i < count; i++) {
        String line = "x".repeat(random.nextInt(random.nextInt(10) == 0 ? 200_000 : 50)) + "\u00e9" + i;
        lines.add(line);
        text.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
      }
      if (count > 0 && random.nextBoolean()) {
        text.setLength(text.length() - (text.charAt(text.length() - 2) == '\r' ? 2 : 1));
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      try (LineReader reader = new LineReader(random.nextBoolean() ? trickle(bytes, random)
          : new ByteArrayInputStream(bytes))) {
        assertThat(readAll(reader)).as("seed %d round %d", seed, round).isEqualTo(lines);
        assertThat(reader.bytesRead()).isEqualTo(bytes.length);
        assertThat(reader.lineNumber()).isEqualTo(count);
      }
    }
  }

  @Test
  void byteOrderMarkIsSkippedAndCounted() throws IOException {
    byte[] bytes = "\uFEFFa\nb".getBytes(StandardCharsets.UTF_8);
    try (LineReader reader = new LineReader(trickle(bytes, new Random(1)))) {
      assertThat(readAll(reader)).containsExactly("a", "b");
      assertThat(reader.bytesRead()).isEqualTo(bytes.length);
    }
    try (LineReader reader = new LineReader(new ByteArrayInputStream(new byte[]{(byte) 0xEF, (byte) 0xBB}))) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.length()).isEqualTo(2);
    }
  }

  @Test
  void blankDetection() throws IOException {
    try (LineReader reader = new LineReader(new ByteArrayInputStream(" \t\n\nx\n".getBytes(StandardCharsets.UTF_8)))) {
      List<Boolean> blank = new ArrayList<>();
      while (reader.next()) {
        blank.add(reader.isBlank());
      }
      assertThat(blank).containsExactly(true, true, false);
    }
  }
}
