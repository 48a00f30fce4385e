package io.strata.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@code inline} firehose: the spec's rows, one per line; finished once they are read. */
public final class InlineReader implements StreamReader {
  private final List<byte[]> lines = new ArrayList<>();
  private int next;

  public InlineReader(String data) {
    for (String line : data.split("\r?\n")) {
      if (!line.isBlank()) {
        lines.add(line.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  public void assign(Map<String, String> startPositions) {
  }

  @Override
  public List<StreamRecord> poll(Duration timeout) {
    List<StreamRecord> out = new ArrayList<>();
    while (next < lines.size() && out.size() < 10_000) {
      out.add(new StreamRecord("0", Integer.toString(next), lines.get(next)));
      next++;
    }
    return out;
  }

  @Override
  public Map<String, String> positions() {
    return Map.of("0", Integer.toString(next));
  }

  @Override
  public Map<String, String> endPositions() {
    return Map.of("0", Integer.toString(lines.size()));
  }

  @Override
  public boolean isFinished() {
    return next >= lines.size();
  }

  @Override
  public void close() {
  }
}
