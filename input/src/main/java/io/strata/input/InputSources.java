package io.strata.input;

import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.InputSourceSpec;
import org.apache.commons.io.FilenameUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Lists the {@link InputSplit}s of an {@code inputSource}.
 *
 * <ul>
 *   <li>{@code local}: every regular file under {@code baseDir}, at any depth, whose file name matches the wildcard
 *       {@code filter} ({@code *} any run of characters, {@code ?} one character, case-sensitive: the semantics of
 *       Druid's local input source), plus the listed {@code files}. Relative paths resolve against the working dir.
 *       Each file is one split, listed once, in path order so that runs are repeatable. Files ending in {@code .gz}
 *       are decompressed as they are read. No matching file means no splits; the task decides whether that is an
 *       error.</li>
 *   <li>{@code inline}: one split, named {@code inline}, over the UTF-8 bytes of {@code data}.</li>
 * </ul>
 */
public final class InputSources {
  private InputSources() {
  }

  /**
   * @param workingDir what relative paths resolve against; null means the process's current directory
   * @throws InputSourceException if {@code baseDir} or a listed file does not exist, is the wrong kind of file or
   *                              cannot be listed; the message names the path
   */
  public static List<InputSplit> splits(InputSourceSpec spec, Path workingDir) throws InputSourceException {
    return splits(spec, workingDir, InputSourcePolicy.UNRESTRICTED);
  }

  /**
   * The splits of an input source, as far as {@code policy} allows reading it.
   *
   * @throws io.strata.api.error.InvalidInputException if the policy does not allow a path or URI of the source
   * @throws InputSourceException                      as {@link #splits(InputSourceSpec, Path)}
   */
  public static List<InputSplit> splits(InputSourceSpec spec, Path workingDir, InputSourcePolicy policy)
      throws InputSourceException {
    check(spec, workingDir, policy);
    if (spec instanceof InputSourceSpec.Inline inline) {
      return List.of(new InlineSplit(inline.data().getBytes(StandardCharsets.UTF_8)));
    }
    if (spec instanceof InputSourceSpec.Http http) {
      List<InputSplit> out = new ArrayList<>();
      for (URI uri : http.uris()) {
        out.add(new HttpSplit(uri, http, policy));
      }
      return out;
    }
    InputSourceSpec.Local local = (InputSourceSpec.Local) spec;
    Path base = workingDir == null ? Path.of("") : workingDir;
    Map<Path, FileSplit> found = new LinkedHashMap<>();
    if (local.baseDir() != null) {
      for (Path file : matching(base.resolve(local.baseDir()), local.filter())) {
        policy.checkRealPath(file, file.toString(), "baseDir");
        found.putIfAbsent(file.toAbsolutePath().normalize(), split(file));
      }
    }
    if (local.files() != null) {
      for (String name : local.files()) {
        Path file = base.resolve(name);
        if (Files.exists(file)) {
          policy.checkRealPath(file, name, "files");
        }
        if (!Files.exists(file)) {
          throw new InputSourceException(file, "local inputSource file [" + file + "] does not exist");
        }
        if (!Files.isRegularFile(file)) {
          throw new InputSourceException(file, "local inputSource file [" + file + "] is not a regular file");
        }
        found.putIfAbsent(file.toAbsolutePath().normalize(), split(file));
      }
    }
    List<InputSplit> out = new ArrayList<>(found.values());
    out.sort(Comparator.comparing(InputSplit::name));
    return out;
  }

  /**
   * Checks what can be checked of an input source without reading anything: that its paths (as written) and URIs
   * are allowed by {@code policy}. Run at task submission and again when the task runs.
   *
   * @throws io.strata.api.error.InvalidInputException naming the field if something is not allowed
   */
  public static void check(InputSourceSpec spec, Path workingDir, InputSourcePolicy policy) {
    if (spec instanceof InputSourceSpec.Local local) {
      if (local.baseDir() != null) {
        policy.checkLocalPath(workingDir, local.baseDir(), "baseDir");
      }
      if (local.files() != null) {
        for (String f : local.files()) {
          policy.checkLocalPath(workingDir, f, "files");
        }
      }
    } else if (spec instanceof InputSourceSpec.Http http) {
      for (URI uri : http.uris()) {
        policy.checkUri(uri, "uris");
      }
      if (http.httpAuthenticationPassword() != null && http.httpAuthenticationPassword().variable() != null) {
        policy.checkPasswordVariable(http.httpAuthenticationPassword().variable(), "httpAuthenticationPassword");
      }
    }
  }

  /**
   * Cuts large uncompressed files into line-aligned byte ranges so that {@code parallelism} readers can share
   * them; the result has the same lines as the input, each exactly once. Only for formats whose records are single
   * lines and carry no header (json; csv and tsv with explicit {@code columns} and no skipped header rows); other
   * splits are returned as they are.
   *
   * @param minRangeBytes files smaller than twice this are not cut
   */
  public static List<InputSplit> subdivide(List<InputSplit> splits, InputFormatSpec format, int parallelism,
                                           long minRangeBytes) {
    if (parallelism <= 1 || !lineSplittable(format)) {
      return splits;
    }
    long total = 0;
    for (InputSplit s : splits) {
      total += s.sizeBytes();
    }
    long target = Math.max(minRangeBytes, total / parallelism + 1);
    List<InputSplit> out = new ArrayList<>();
    for (InputSplit s : splits) {
      if (!(s instanceof FileSplit f) || f.path().getFileName().toString().endsWith(".gz")
          || f.sizeBytes() < 2 * minRangeBytes) {
        out.add(s);
        continue;
      }
      for (long start = 0; start < f.sizeBytes(); start += target) {
        out.add(new FileRangeSplit(f.path(), start, Math.min(f.sizeBytes(), start + target)));
      }
    }
    return out;
  }

  private static boolean lineSplittable(InputFormatSpec format) {
    if (format == null || format instanceof InputFormatSpec.JsonFormat) {
      return true;
    }
    if (format instanceof InputFormatSpec.Csv c) {
      return !c.findColumnsFromHeader() && c.skipHeaderRows() == 0;
    }
    if (format instanceof InputFormatSpec.Tsv t) {
      return !t.findColumnsFromHeader() && t.skipHeaderRows() == 0;
    }
    return false;
  }

  /** The lines of a file starting in {@code [start, end)}. */
  private record FileRangeSplit(Path path, long start, long end) implements InputSplit {
    @Override
    public String name() {
      return path + "[" + start + "," + end + ")";
    }

    @Override
    public long sizeBytes() {
      return end - start;
    }

    @Override
    public InputStream open() throws IOException {
      return new LineRangeInputStream(path, start, end);
    }
  }

  private static List<Path> matching(Path dir, String filter) throws InputSourceException {
    if (!Files.exists(dir)) {
      throw new InputSourceException(dir, "local inputSource baseDir [" + dir + "] does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new InputSourceException(dir, "local inputSource baseDir [" + dir + "] is not a directory");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> FilenameUtils.wildcardMatch(p.getFileName().toString(), filter))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      Throwable why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
      throw new InputSourceException(dir, "cannot list local inputSource baseDir [" + dir + "]: "
          + describe(why), e);
    }
  }

  /** What went wrong with a file, in words (Java's file exceptions carry only the path as their message). */
  private static String describe(Throwable e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    return e.getMessage();
  }

  private static FileSplit split(Path file) throws InputSourceException {
    try {
      return new FileSplit(file, Files.size(file));
    } catch (IOException e) {
      throw new InputSourceException(file, "cannot read local inputSource file [" + file + "]: " + e.getMessage(), e);
    }
  }

  /** A local file; {@code .gz} files are decompressed on open. */
  private record FileSplit(Path path, long sizeBytes) implements InputSplit {
    @Override
    public String name() {
      return path.toString();
    }

    @Override
    public InputStream open() throws IOException {
      InputStream in = Files.newInputStream(path);
      if (path.getFileName().toString().endsWith(".gz")) {
        try {
          return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
          in.close();
          throw new IOException("cannot read gzip file [" + path + "]: " + e.getMessage(), e);
        }
      }
      return in;
    }
  }

  /** The {@code data} of an inline input source. */
  private static final class InlineSplit implements InputSplit {
    private final byte[] data;

    InlineSplit(byte[] data) {
      this.data = data;
    }

    @Override
    public String name() {
      return "inline";
    }

    @Override
    public long sizeBytes() {
      return data.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(data);
    }

    @Override
    public String toString() {
      return "inline (" + data.length + " bytes)";
    }
  }
}
