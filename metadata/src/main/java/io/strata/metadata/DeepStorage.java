package io.strata.metadata;

import io.strata.api.data.SegmentId;
import io.strata.api.time.DateTimes;
import io.strata.api.util.SafePaths;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Deep storage on a local (or mounted) filesystem: the permanent home of published segments, from which servers
 * load them.
 *
 * <h2>Layout</h2>
 * A segment lives in its partition directory, {@code <root>/<dataSource>/<start>_<end>/<version>/<partition>/}
 * (times as {@code 2013-08-31T00:00:00.000Z}, the layout Druid's local deep storage uses). A segment built as a
 * directory <em>is</em> that directory (its contents are copied into it); a segment built as a single file is
 * kept as {@code <partition>/<file name>}. {@link #push} returns that path, and it goes into the segment's load
 * spec ({@code {"type":"local","path":...}}).
 *
 * <h2>Atomicity</h2>
 * A push copies the segment (or, with {@link #moveIn}, renames a segment the caller already made durable) into a fresh directory under {@code <root>/.staging/}, fsyncs every file and
 * directory, then renames it into place in one atomic step and fsyncs the parent. So the partition directory
 * either does not exist or holds the complete segment, whatever crashes when. Leftovers of interrupted pushes and
 * deletes stay in {@code .staging}, which is emptied when a {@code DeepStorage} is created. A segment id is
 * immutable: pushing an id that is already present fails rather than changing published data.
 *
 * <h2>Thread-safety</h2>
 * Thread-safe: copies run concurrently, the final renames and directory pruning are serialised. Use one instance
 * per root per process (creating one cleans the staging area).
 */
public final class DeepStorage {
  /** Name of the staging directory under the root; datasource names never start with a dot. */
  static final String STAGING = ".staging";

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private final Path root;
  private final Path staging;
  private final Object layoutLock = new Object();

  /**
   * Opens the deep storage rooted at {@code root}, creating it if needed and removing leftovers of interrupted
   * pushes.
   */
  public DeepStorage(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.staging = this.root.resolve(STAGING);
    Files.createDirectories(this.root);
    if (Files.exists(staging)) {
      deleteRecursively(staging);
    }
    Files.createDirectories(staging);
  }

  /** The root directory (absolute). */
  public Path root() {
    return root;
  }

  /** The load spec of a segment stored at {@code location}: {@code {"type":"local","path":<absolute path>}}. */
  public static Map<String, Object> loadSpec(Path location) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", DataSegment.LOCAL_LOAD_SPEC_TYPE);
    spec.put("path", location.toAbsolutePath().normalize().toString());
    return spec;
  }

  /**
   * Copies a built segment (a file or a directory; the source is left untouched) into its place in deep storage,
   * atomically and durably.
   *
   * @return where the segment now lives: the partition directory for a directory, the file inside it for a file
   * @throws FileAlreadyExistsException if deep storage already holds a segment with this id
   * @throws NoSuchFileException        if {@code builtSegment} does not exist
   */
  public Path push(SegmentId id, Path builtSegment) throws IOException {
    Path source = existing(id, builtSegment);
    boolean directory = Files.isDirectory(source);
    String fileName = fileName(builtSegment);
    // Not createTempDirectory: that makes the directory owner-only, and it becomes the partition directory.
    Path temp = Files.createDirectory(staging.resolve("push-" + UUID.randomUUID()));
    try {
      if (directory) {
        copyTree(source, temp);
      } else {
        copyFile(source, temp.resolve(fileName));
      }
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(temp, e);
      throw e;
    }
    Path target = placeStaged(id, temp);
    return directory ? target : target.resolve(fileName);
  }

  /**
   * Moves a built segment into its place in deep storage, atomically, instead of copying it: for a segment this
   * process wrote and made durable itself (every file and its directory fsynced), which the caller gives up. Where
   * it cannot be renamed into deep storage (another file system), it is copied as {@link #push} does and then
   * deleted. Either way the source is gone afterwards, also when the push fails.
   *
   * @return where the segment now lives, as for {@link #push}
   * @throws FileAlreadyExistsException if deep storage already holds a segment with this id
   * @throws NoSuchFileException        if {@code builtSegment} does not exist
   */
  public Path moveIn(SegmentId id, Path builtSegment) throws IOException {
    Path source = existing(id, builtSegment);
    boolean directory = Files.isDirectory(source);
    String fileName = fileName(builtSegment);
    Path temp = staging.resolve("push-" + UUID.randomUUID());
    try {
      if (directory) {
        Files.move(source, temp, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.createDirectory(temp);
        Files.move(source, temp.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (AtomicMoveNotSupportedException e) {
      deleteRecursively(temp);
      Path location = push(id, source);
      deleteRecursively(source);
      return location;
    }
    Path target = placeStaged(id, temp);
    return directory ? target : target.resolve(fileName);
  }

  private static Path existing(SegmentId id, Path builtSegment) throws IOException {
    try {
      return builtSegment.toRealPath();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(builtSegment.toString(), null, "no built segment to push for [" + id + "]");
    }
  }

  private static String fileName(Path builtSegment) {
    return String.valueOf(builtSegment.toAbsolutePath().normalize().getFileName());
  }

  /**
   * Renames a complete segment in the staging area ({@code temp}, whose files are durable) into its partition
   * directory and makes the rename durable; deletes {@code temp} if that fails.
   *
   * @return the partition directory
   */
  private Path placeStaged(SegmentId id, Path temp) throws IOException {
    Path target = partitionDirectory(id);
    try {
      fsyncDirectory(temp);
      synchronized (layoutLock) {
        if (Files.exists(target)) {
          throw new FileAlreadyExistsException(target.toString(), null,
              "deep storage already holds segment [" + id + "]");
        }
        createDirectoriesDurably(target.getParent());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target.getParent());
      }
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(temp, e);
      throw e;
    }
    return target;
  }

  /**
   * Where a segment is: the path of its {@code local} load spec, or its partition directory if the load spec has
   * no path.
   *
   * @throws IllegalArgumentException if the segment is in another kind of deep storage
   */
  public Path pathOf(DataSegment segment) {
    Map<String, Object> spec = segment.loadSpec();
    Object type = spec.get("type");
    if (type != null && !DataSegment.LOCAL_LOAD_SPEC_TYPE.equals(type)) {
      throw new IllegalArgumentException("segment [" + segment.id() + "] is in deep storage of type [" + type
          + "]; only [local] is supported");
    }
    Object path = spec.get("path");
    return path == null ? partitionDirectory(segment.id()) : Path.of(path.toString());
  }

  /**
   * Deletes a segment's partition directory, then its parent directories that became empty (never the root).
   * The directory is first renamed into the staging area, so a crash part-way leaves either the whole segment or
   * nothing in place. Idempotent: a segment that is not there is ignored.
   */
  public void delete(DataSegment segment) throws IOException {
    Path dir = partitionDirectory(segment.id());
    Path trash;
    synchronized (layoutLock) {
      if (!Files.exists(dir)) {
        return;
      }
      trash = staging.resolve("delete-" + UUID.randomUUID());
      Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
      fsyncDirectory(dir.getParent());
      for (Path p = dir.getParent(); !p.equals(root); p = p.getParent()) {
        try {
          Files.delete(p);
        } catch (DirectoryNotEmptyException e) {
          break;
        }
      }
    }
    deleteRecursively(trash);
  }

  /**
   * Deletes every partition directory ({@code <dataSource>/<interval>/<version>/<partition>}) that holds no segment
   * of {@code keep} — what a crash between a kill task's metadata delete and its file delete, or between a push and
   * a failed publish, leaves behind — and the directories that become empty. Run it at server start, before any
   * task runs (a running task's pushed but unpublished segments would look unreferenced). Files and directories at
   * other depths, and anything whose name starts with '.', are left alone.
   *
   * @param keep the partition directories (or segment files inside them) the metadata store refers to
   * @return the partition directories deleted
   */
  public List<Path> sweepUnreferenced(Set<Path> keep) throws IOException {
    Set<Path> kept = new HashSet<>();
    for (Path p : keep) {
      Path n = p.toAbsolutePath().normalize();
      kept.add(n);
      if (n.getParent() != null) {
        kept.add(n.getParent());
      }
    }
    List<Path> deleted = new ArrayList<>();
    synchronized (layoutLock) {
      for (Path ds : children(root)) {
        for (Path interval : children(ds)) {
          for (Path version : children(interval)) {
            for (Path partition : children(version)) {
              if (!kept.contains(partition)) {
                Path trash = staging.resolve("sweep-" + UUID.randomUUID());
                Files.move(partition, trash, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(trash);
                deleted.add(partition);
              }
            }
            deleteIfEmpty(version);
          }
          deleteIfEmpty(interval);
        }
        deleteIfEmpty(ds);
      }
    }
    return deleted;
  }

  /** The subdirectories of {@code dir} whose names do not start with '.'. */
  private static List<Path> children(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(out::add);
    }
    return out;
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      if (list.findAny().isPresent()) {
        return;
      }
    }
    Files.deleteIfExists(dir);
  }

  /**
   * The partition directory of a segment, {@code <root>/<dataSource>/<start>_<end>/<version>/<partition>}.
   *
   * @throws IllegalArgumentException if the datasource or version cannot be one path component
   */
  public Path partitionDirectory(SegmentId id) {
    String interval = DateTimes.format(id.interval().start()) + "_" + DateTimes.format(id.interval().end());
    Path ds = component(root, id.dataSource(), "dataSource");
    Path version = component(component(ds, interval, "interval"), id.version(), "version");
    return component(version, Integer.toString(id.partitionNum()), "partition");
  }

  /**
   * The child {@code name} of {@code parent}, which must be a single path component that does not start with a dot
   * (so nothing can reach {@code .staging}, the parent or anything above it).
   */
  private static Path component(Path parent, String name, String what) {
    if (name.startsWith(".")) {
      throw new IllegalArgumentException("segment " + what + " [" + name
          + "] cannot name a deep storage directory: it must not start with '.'");
    }
    try {
      return SafePaths.child(parent, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("segment " + what + " [" + name
          + "] cannot name a deep storage directory: it must be one non-empty path component without '/' or NUL", e);
    }
  }

  /** Creates the missing directories of {@code dir} and fsyncs the parent of each one created. */
  private void createDirectoriesDurably(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    createDirectoriesDurably(dir.getParent());
    Files.createDirectory(dir);
    fsyncDirectory(dir.getParent());
  }

  private static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path to = target.resolve(source.relativize(dir).toString());
        if (!Files.isDirectory(to)) {
          Files.createDirectory(to);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        copyFile(file, target.resolve(source.relativize(file).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        fsyncDirectory(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Copies one file (following symbolic links) and forces its bytes to disk. */
  private static void copyFile(Path from, Path to) throws IOException {
    Files.copy(from, to);
    try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Makes a directory's entries (created, renamed, deleted files) durable. Not possible on Windows. */
  private static void fsyncDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void deleteQuietly(Path path, Throwable failure) {
    try {
      deleteRecursively(path);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
