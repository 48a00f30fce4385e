package io.strata.input;

import io.strata.api.input.InputRow;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.InputSourceSpec;
import io.strata.api.spec.TimestampSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputSourcesTest {
  @TempDir
  Path dir;

  private Path write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static List<String> names(List<InputSplit> splits) {
    return splits.stream().map(InputSplit::name).toList();
  }

  @Test
  void localBaseDirWithGlobIsRecursiveAndSorted() throws IOException {
    write("data/b.json", "{}");
    write("data/a.json", "{}\n{}");
    write("data/sub/c.json", "{}");
    write("data/sub/notes.txt", "x");
    write("data/.json.bak", "x");
    List<InputSplit> splits = InputSources.splits(new InputSourceSpec.Local("data", "*.json", null), dir);
    assertThat(names(splits)).containsExactly(dir.resolve("data/a.json").toString(),
        dir.resolve("data/b.json").toString(), dir.resolve("data/sub/c.json").toString());
    assertThat(splits.get(0).sizeBytes()).isEqualTo(5);
    try (InputStream in = splits.get(0).open()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}\n{}");
    }

    assertThat(names(InputSources.splits(new InputSourceSpec.Local("data", "b.json", null), dir)))
        .containsExactly(dir.resolve("data/b.json").toString());
    assertThat(names(InputSources.splits(new InputSourceSpec.Local("data", "?.json", null), dir))).hasSize(3);
    assertThat(InputSources.splits(new InputSourceSpec.Local("data", "*.JSON", null), dir)).isEmpty();
    assertThat(InputSources.splits(new InputSourceSpec.Local(dir.resolve("data").toString(), "*", null), null))
        .hasSize(5);
  }

  @Test
  void filesAreAddedOnceEach() throws IOException {
    write("data/a.json", "{}");
    Path extra = write("elsewhere/x.json", "{}");
    List<InputSplit> splits = InputSources.splits(
        new InputSourceSpec.Local("data", "*.json", List.of(extra.toString(), "data/a.json", "data/../data/a.json")),
        dir);
    assertThat(names(splits)).containsExactly(dir.resolve("data/a.json").toString(), extra.toString());
  }

  @Test
  void missingPathsAreNamed() throws IOException {
    assertThatThrownBy(() -> InputSources.splits(new InputSourceSpec.Local("nope", "*", null), dir))
        .isInstanceOfSatisfying(InputSourceException.class, e -> assertThat(e.path()).isEqualTo(dir.resolve("nope")))
        .hasMessageContaining("baseDir [" + dir.resolve("nope") + "] does not exist");
    write("file.json", "{}");
    assertThatThrownBy(() -> InputSources.splits(new InputSourceSpec.Local("file.json", "*", null), dir))
        .isInstanceOf(InputSourceException.class)
        .hasMessageContaining("is not a directory");
    assertThatThrownBy(() -> InputSources.splits(new InputSourceSpec.Local(null, null, List.of("gone.json")), dir))
        .isInstanceOf(InputSourceException.class)
        .hasMessageContaining("file [" + dir.resolve("gone.json") + "] does not exist");
    Files.createDirectories(dir.resolve("adir"));
    assertThatThrownBy(() -> InputSources.splits(new InputSourceSpec.Local(null, null, List.of("adir")), dir))
        .isInstanceOf(InputSourceException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  void inlineIsOneUtf8Split() throws IOException {
    String data = "{\"timestamp\":1,\"city\":\"S\u00e3o Paulo\"}\n{\"timestamp\":2}";
    List<InputSplit> splits = InputSources.splits(new InputSourceSpec.Inline(data), dir);
    assertThat(splits).hasSize(1);
    assertThat(splits.get(0).name()).isEqualTo("inline");
    assertThat(splits.get(0).sizeBytes()).isEqualTo(data.getBytes(StandardCharsets.UTF_8).length);
    try (InputRowReader reader = InputFormats.open(null, null, splits.get(0))) {
      Rows.Result r = Rows.readAll(reader);
      assertThat(r.rows()).extracting(InputRow::timestamp).containsExactly(1L, 2L);
      assertThat(r.row(0).get("city")).isEqualTo("S\u00e3o Paulo");
    }
  }

  @Test
  void gzipFilesAreDecompressed() throws IOException {
    Path gz = dir.resolve("events.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("{\"timestamp\":7}\n".getBytes(StandardCharsets.UTF_8));
    }
    List<InputSplit> splits = InputSources.splits(new InputSourceSpec.Local(".", "*.gz", null), dir);
    try (InputRowReader reader = InputFormats.open(new InputFormatSpec.JsonFormat(null, null),
        TimestampSpec.defaults(), splits.get(0))) {
      assertThat(reader.next().timestamp()).isEqualTo(7L);
      assertThat(reader.next()).isNull();
    }
  }
}
