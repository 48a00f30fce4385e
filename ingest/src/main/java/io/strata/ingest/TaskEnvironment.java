package io.strata.ingest;

import io.strata.api.util.SafePaths;
import io.strata.input.InputSourcePolicy;
import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;

import java.nio.file.Path;

/**
 * What a task needs from the server it runs in.
 *
 * @param workingDir base for relative input paths in specs (the server's working directory)
 * @param tasksDir   parent of each task's scratch directory (spills, built segments); wiped per task
 * @param inputPolicy what input sources may read (local directories, http protocols and hosts)
 */
public record TaskEnvironment(Path workingDir, Path tasksDir, MetadataStore metadataStore, DeepStorage deepStorage,
                              PublishListener publishListener, InputSourcePolicy inputPolicy) {
  /**
   * The scratch directory of a task: a direct child of {@link #tasksDir} named after the task id (or, for an id
   * that cannot be a file name, '.' and a readable prefix and a hash of it), so no id can make it resolve to
   * {@code tasksDir} itself, a sibling, anything above, or another task's directory.
   */
  public Path scratchDirectory(String taskId) {
    String name = SafePaths.fileNameFor(taskId);
    // A hashed name starts with '.', which no task id can: no task can be named after another's directory.
    return SafePaths.child(tasksDir, name.equals(taskId) ? name : "." + name);
  }

  /** Where streaming tasks of a datasource write the rows they reject: {@code <data dir>/dead-letter/<dataSource>}. */
  public Path deadLetterDirectory(String dataSource) {
    return SafePaths.child(tasksDir.resolveSibling("dead-letter"), SafePaths.fileNameFor(dataSource));
  }
}
