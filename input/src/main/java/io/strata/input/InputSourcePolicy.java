package io.strata.input;

import io.strata.api.error.InvalidInputException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an ingestion spec may read, as the operator configured it: the directories a {@code local} input source may
 * read under, and the protocols and hosts an {@code http} input source may fetch from (Druid's
 * {@code druid.ingestion.http.allowedProtocols}, default {@code http} and {@code https}).
 *
 * <p>A refusal never reveals anything about the file system outside the allowed directories: paths are checked as
 * text (absolute, normalized) before anything is looked up, and a file found inside whose real path (links
 * followed) leads outside gets the same message as a path outside.
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowedDirectories absolute, normalized directories; empty means every path is allowed
 * @param allowedProtocols   lower-case URI schemes {@code http} input may use
 * @param allowedHosts       lower-case host names (or {@code host:port}) {@code http} input may fetch from; empty
 *                           means any host
 * @param allowedPasswordVariables the environment variables an {@code http} input's password may name
 *                           ({@code {"type":"environment","variable":...}}); none unless listed, since a spec could
 *                           otherwise send any of the server's secrets to a host of its choosing
 */
public record InputSourcePolicy(List<Path> allowedDirectories, Set<String> allowedProtocols, Set<String> allowedHosts,
                                Set<String> allowedPasswordVariables) {
  /** Druid's default for {@code druid.ingestion.http.allowedProtocols}. */
  public static final Set<String> DEFAULT_PROTOCOLS = Set.of("http", "https");

  /** No restriction on local paths; http and https to any host; no environment variables as passwords. */
  public static final InputSourcePolicy UNRESTRICTED = new InputSourcePolicy(List.of(), DEFAULT_PROTOCOLS, Set.of(),
      Set.of());

  public InputSourcePolicy(List<Path> allowedDirectories, Set<String> allowedProtocols, Set<String> allowedHosts) {
    this(allowedDirectories, allowedProtocols, allowedHosts, Set.of());
  }

  public InputSourcePolicy {
    allowedPasswordVariables = Set.copyOf(allowedPasswordVariables);
    List<Path> dirs = new ArrayList<>();
    for (Path d : allowedDirectories) {
      dirs.add(d.toAbsolutePath().normalize());
    }
    allowedDirectories = List.copyOf(dirs);
    allowedProtocols = lowerCase(allowedProtocols);
    allowedHosts = lowerCase(allowedHosts);
  }

  private static Set<String> lowerCase(Set<String> values) {
    Set<String> out = new TreeSet<>();
    for (String v : values) {
      out.add(v.trim().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }

  /** True if local paths are restricted to {@link #allowedDirectories}. */
  public boolean restrictsLocalPaths() {
    return !allowedDirectories.isEmpty();
  }

  /**
   * Checks a local path as written (resolved against {@code workingDir}), without touching the file system.
   *
   * @throws InvalidInputException if the path is outside every allowed directory
   */
  public void checkLocalPath(Path workingDir, String path, String field) {
    Path p;
    try {
      p = (workingDir == null ? Path.of("") : workingDir).resolve(path).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidInputException(field, "local inputSource path [" + path.replace('\0', '?')
          + "] is not a valid path: " + e.getReason());
    }
    if (!restrictsLocalPaths()) {
      return;
    }
    if (!insideAllowed(p)) {
      throw outside(path, field);
    }
    // Inside as written, but a link on the way may lead out: whatever part of the path exists must really be
    // inside, so that neither the answer nor its kind tells anything about what lies outside.
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      checkRealPath(existing, path, field);
    }
  }

  /**
   * Checks a file that exists, following links: its real path must be inside an allowed directory's real path.
   *
   * A file that cannot be resolved (gone since it was listed) passes: reading it fails on its own.
   *
   * @throws InvalidInputException with the same message as {@link #checkLocalPath} if it is not
   */
  public void checkRealPath(Path file, String shownAs, String field) {
    if (!restrictsLocalPaths()) {
      return;
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      return;
    }
    for (Path dir : allowedDirectories) {
      try {
        if (Files.exists(dir) && real.startsWith(dir.toRealPath())) {
          return;
        }
      } catch (IOException e) {
        // an allowed directory that cannot be resolved allows nothing
      }
    }
    throw outside(shownAs, field);
  }

  private boolean insideAllowed(Path p) {
    for (Path dir : allowedDirectories) {
      if (p.startsWith(dir)) {
        return true;
      }
    }
    return false;
  }

  private InvalidInputException outside(String path, String field) {
    return new InvalidInputException(field, "local inputSource path [" + path + "] is not inside a directory this "
        + "server allows input from; allowed: " + allowedDirectories);
  }

  /**
   * Checks that an {@code http} input's password may come from environment variable {@code variable}.
   *
   * @throws InvalidInputException if the operator has not listed it
   */
  public void checkPasswordVariable(String variable, String field) {
    if (!allowedPasswordVariables.contains(variable)) {
      throw new InvalidInputException(field, "environment variable [" + variable + "] may not be used as a password "
          + "by this server; the operator lists the ones that may in strata.ingestion.http.allowedPasswordVariables");
    }
  }

  /**
   * Checks a URI an {@code http} input source would fetch.
   *
   * @throws InvalidInputException if its protocol or host is not allowed
   */
  public void checkUri(URI uri, String field) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!allowedProtocols.contains(scheme)) {
      throw new InvalidInputException(field, "Only " + new TreeSet<>(allowedProtocols) + " protocols are allowed for "
          + "http input; [" + uri + "] uses [" + scheme + "]");
    }
    if (uri.getHost() == null) {
      throw new InvalidInputException(field, "http input URI [" + uri + "] has no host");
    }
    if (!allowedHosts.isEmpty()) {
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if (!allowedHosts.contains(host) && !(port >= 0 && allowedHosts.contains(host + ":" + port))) {
        throw new InvalidInputException(field, "http input from host [" + host + "] is not allowed by this server; "
            + "allowed hosts: " + new TreeSet<>(allowedHosts));
      }
    }
  }
}
