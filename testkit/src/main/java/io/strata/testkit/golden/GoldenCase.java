package io.strata.testkit.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One recorded golden case: a native query and the response a real Druid gave for it, read from a
 * {@code {"query": ..., "expected": ...}} file.
 *
 * @param dataSource the directory the case lives in (the datasource it was recorded on)
 * @param name       the file name without {@code .json}
 */
public record GoldenCase(String dataSource, String name, Path file, JsonNode query, JsonNode expected) {

  /** {@code dataSource/name}. */
  public String id() {
    return dataSource + "/" + name;
  }

  /** Every {@code *.json} case under {@code goldenDir/dataSource}, sorted by name. */
  public static List<GoldenCase> load(Path goldenDir, String dataSource) {
    Path dir = goldenDir.resolve(dataSource);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list golden cases in " + dir.toAbsolutePath(), e);
    }
    List<GoldenCase> out = new ArrayList<>(files.size());
    for (Path f : files) {
      JsonNode tree;
      try (InputStream in = Files.newInputStream(f)) {
        tree = Json.MAPPER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read golden case " + f.toAbsolutePath(), e);
      }
      if (tree == null || !tree.has("query") || !tree.has("expected")) {
        throw new IllegalArgumentException("golden case " + f.toAbsolutePath() + " is not {\"query\":..., \"expected\":...}");
      }
      String name = f.getFileName().toString();
      out.add(new GoldenCase(dataSource, name.substring(0, name.length() - ".json".length()), f, tree.get("query"),
          tree.get("expected")));
    }
    return out;
  }
}
