package io.strata.input;

import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.InputSourceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SubdivideTest {
  @TempDir
  Path dir;

  @Test
  void rangesDeliverEveryLineExactlyOnceWhateverTheCutPoints() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 30; round++) {
      StringBuilder sb = new StringBuilder();
      List<String> lines = new ArrayList<>();
      int n = 1 + random.nextInt(400);
      for (int i = 0; i < n; i++) {
        String line = "{\"i\":" + i + ",\"pad\":\"" + "x".repeat(random.nextInt(60)) + "\"}";
        lines.add(line);
        sb.append(line);
        if (i < n - 1 || random.nextBoolean()) {
          sb.append('\n');
        }
      }
      Path f = dir.resolve("f" + round + ".json");
      Files.writeString(f, sb.toString());
      List<InputSplit> whole = InputSources.splits(new InputSourceSpec.Local(dir.toString(), "f" + round + ".json",
          null), null);
      long min = 1 + random.nextInt(200);
      List<InputSplit> parts = InputSources.subdivide(whole, new InputFormatSpec.JsonFormat(null, null),
          2 + random.nextInt(6), min);
      List<String> read = new ArrayList<>();
      for (InputSplit p : parts) {
        try (InputStream in = p.open()) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          for (String l : text.split("\n")) {
            if (!l.isEmpty()) {
              read.add(l);
            }
          }
        }
      }
      assertThat(read).as("seed " + seed + " round " + round + " parts " + parts).isEqualTo(lines);
    }
  }

  @Test
  void headerFormatsAreNotCut() throws Exception {
    Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n".repeat(1000));
    List<InputSplit> whole = InputSources.splits(new InputSourceSpec.Local(dir.toString(), "a.csv", null), null);
    assertThat(InputSources.subdivide(whole, new InputFormatSpec.Csv(null, null, true, 0), 4, 10)).hasSize(1);
    assertThat(InputSources.subdivide(whole, new InputFormatSpec.Csv(List.of("a", "b"), null, false, 0), 4, 10))
        .hasSizeGreaterThan(1);
  }
}
