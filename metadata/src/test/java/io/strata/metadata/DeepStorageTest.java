package io.strata.metadata;

import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeepStorageTest {
  private static final Interval DAY = Interval.parse("2013-08-31/2013-09-01");
  private static final SegmentId ID = new SegmentId("wiki", DAY, "2024-01-01T00:00:00.000Z", 0);

  @TempDir
  Path tmp;
  private Path root;
  private Path built;

  @BeforeEach
  void setUp() throws Exception {
    root = tmp.resolve("deep");
    built = tmp.resolve("built");
    Files.createDirectories(built.resolve("sub"));
    Files.writeString(built.resolve("meta.smoosh"), "header");
    Files.writeString(built.resolve("sub").resolve("00000.smoosh"), "columns");
  }

  private static List<Path> contents(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void pushesDirectoryIntoItsPartitionDirectory() throws Exception {
    DeepStorage deep = new DeepStorage(root);

    Path location = deep.push(ID, built);

    Path expected = root.toAbsolutePath()
        .resolve("wiki/2013-08-31T00:00:00.000Z_2013-09-01T00:00:00.000Z/2024-01-01T00:00:00.000Z/0");
    assertThat(location).isEqualTo(expected);
    assertThat(location.resolve("meta.smoosh")).hasContent("header");
    assertThat(location.resolve("sub/00000.smoosh")).hasContent("columns");
    assertThat(built.resolve("meta.smoosh")).exists();
    assertThat(contents(root.resolve(DeepStorage.STAGING))).isEmpty();
    assertThat(deep.partitionDirectory(ID)).isEqualTo(expected);
  }

  @Test
  void pushesSingleFileInsideItsPartitionDirectory() throws Exception {
    DeepStorage deep = new DeepStorage(root);
    Path file = built.resolve("meta.smoosh");

    Path location = deep.push(ID, file);

    assertThat(location).isEqualTo(deep.partitionDirectory(ID).resolve("meta.smoosh"));
    assertThat(location).hasContent("header");
  }

  @Test
  void descriptorPointsAtThePushedSegment() throws Exception {
    DeepStorage deep = new DeepStorage(root);
    Path location = deep.push(ID, built);

    DataSegment segment = DataSegment.of(ID, 1, location, List.of("page"), List.of("count"), 13, 2);

    assertThat(segment.loadSpec()).isEqualTo(Map.of("type", "local", "path", location.toString()));
    assertThat(deep.pathOf(segment)).isEqualTo(location);
  }

  @Test
  void refusesToOverwriteAPushedSegment() throws Exception {
    DeepStorage deep = new DeepStorage(root);
    Path location = deep.push(ID, built);
    Files.writeString(built.resolve("meta.smoosh"), "changed");

    assertThatThrownBy(() -> deep.push(ID, built)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(location.resolve("meta.smoosh")).hasContent("header");
    assertThat(contents(root.resolve(DeepStorage.STAGING))).isEmpty();
  }

  @Test
  void failedCopyLeavesNothingBehind() throws Exception {
    Files.createSymbolicLink(built.resolve("sub/broken.smoosh"), tmp.resolve("does-not-exist"));
    DeepStorage deep = new DeepStorage(root);

    assertThatThrownBy(() -> deep.push(ID, built)).isInstanceOf(java.io.IOException.class);

    assertThat(deep.partitionDirectory(ID)).doesNotExist();
    assertThat(contents(root.resolve(DeepStorage.STAGING))).isEmpty();
  }

  @Test
  void pushesTheTargetOfASymbolicLink() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), built);
    DeepStorage deep = new DeepStorage(root);

    Path location = deep.push(ID, link);

    assertThat(location.resolve("sub/00000.smoosh")).hasContent("columns");
  }

  @Test
  void pushOfMissingSegmentFails() throws Exception {
    DeepStorage deep = new DeepStorage(root);

    assertThatThrownBy(() -> deep.push(ID, tmp.resolve("missing")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThat(deep.partitionDirectory(ID)).doesNotExist();
  }

  @Test
  void startupRemovesLeftoversOfInterruptedPushes() throws Exception {
    Path leftover = root.resolve(DeepStorage.STAGING).resolve("push-123");
    Files.createDirectories(leftover);
    Files.writeString(leftover.resolve("half-written"), "x");

    new DeepStorage(root);

    assertThat(leftover).doesNotExist();
  }

  @Test
  void deleteRemovesTheSegmentAndEmptyParents() throws Exception {
    DeepStorage deep = new DeepStorage(root);
    SegmentId sibling = new SegmentId("wiki", DAY, "2024-01-01T00:00:00.000Z", 1);
    SegmentId other = new SegmentId("wiki", DAY, "2025-01-01T00:00:00.000Z", 0);
    Path a = deep.push(ID, built);
    Path b = deep.push(sibling, built);
    Path c = deep.push(other, built);

    deep.delete(DataSegment.of(ID, 2, a, List.of(), List.of(), 0, 0));
    assertThat(a).doesNotExist();
    assertThat(b).exists();

    deep.delete(DataSegment.of(sibling, 2, b, List.of(), List.of(), 0, 0));
    assertThat(b.getParent()).doesNotExist();
    assertThat(c).exists();

    DataSegment last = DataSegment.of(other, 1, c, List.of(), List.of(), 0, 0);
    deep.delete(last);
    deep.delete(last);
    assertThat(root.resolve("wiki")).doesNotExist();
    assertThat(root).exists();
    assertThat(contents(root.resolve(DeepStorage.STAGING))).isEmpty();
  }

  @Test
  void rejectsNamesThatEscapeTheRoot() throws Exception {
    DeepStorage deep = new DeepStorage(root);

    assertThatThrownBy(() -> deep.push(new SegmentId("../etc", DAY, "v", 0), built))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataSource");
    assertThatThrownBy(() -> deep.partitionDirectory(new SegmentId("wiki", DAY, "a/b", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
  }

  @Test
  void pathOfRejectsOtherStorageTypes() throws Exception {
    DeepStorage deep = new DeepStorage(root);
    DataSegment s3 = DataSegment.of(ID, 1, Path.of("/x"), List.of(), List.of(), 0, 0)
        .withLoadSpec(Map.of("type", "s3_zip", "bucket", "b", "key", "k"));

    assertThatThrownBy(() -> deep.pathOf(s3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3_zip");
  }

  @Test
  void moveInRenamesADirectoryIntoPlace() throws Exception {
    DeepStorage deep = new DeepStorage(root);

    Path location = deep.moveIn(ID, built);

    assertThat(location).isEqualTo(deep.partitionDirectory(ID));
    assertThat(location.resolve("meta.smoosh")).hasContent("header");
    assertThat(location.resolve("sub/00000.smoosh")).hasContent("columns");
    assertThat(built).doesNotExist();
    assertThat(contents(root.resolve(DeepStorage.STAGING))).isEmpty();
  }

  @Test
  void moveInKeepsASingleFileInsideItsPartitionDirectory() throws Exception {
    DeepStorage deep = new DeepStorage(root);
    Path file = built.resolve("meta.smoosh");

    Path location = deep.moveIn(ID, file);

    assertThat(location).isEqualTo(deep.partitionDirectory(ID).resolve("meta.smoosh"));
    assertThat(location).hasContent("header");
    assertThat(file).doesNotExist();
  }

  @Test
  void moveInRefusesToOverwriteAndLeavesNothingBehind() throws Exception {
    DeepStorage deep = new DeepStorage(root);
    Path location = deep.push(ID, built);
    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("meta.smoosh"), "different");

    assertThatThrownBy(() -> deep.moveIn(ID, other)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(location.resolve("meta.smoosh")).hasContent("header");
    assertThat(contents(root.resolve(DeepStorage.STAGING))).isEmpty();
  }

  @Test
  void moveInFromAnotherFileSystemCopies() throws Exception {
    Path shm = Path.of("/dev/shm");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)), "needs /dev/shm on a file system of its own");
    Path elsewhere = Files.createTempDirectory(shm, "strata-deep-storage-test");
    try {
      Files.writeString(elsewhere.resolve("meta.smoosh"), "header");
      DeepStorage deep = new DeepStorage(root);

      Path location = deep.moveIn(ID, elsewhere);

      assertThat(location.resolve("meta.smoosh")).hasContent("header");
      assertThat(elsewhere).doesNotExist();
      assertThat(contents(root.resolve(DeepStorage.STAGING))).isEmpty();
    } finally {
      if (Files.exists(elsewhere)) {
        try (Stream<Path> s = Files.walk(elsewhere)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
