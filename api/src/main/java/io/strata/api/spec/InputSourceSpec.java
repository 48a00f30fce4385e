package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

import java.util.List;

/** {@code ioConfig.inputSource}; types, all in one place: {@code local}, {@code inline}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InputSourceSpec.Local.class, name = "local"),
    @JsonSubTypes.Type(value = InputSourceSpec.Inline.class, name = "inline"),
})
public sealed interface InputSourceSpec {

  /**
   * Files on the local file system: every file under {@code baseDir} (recursively) whose name matches the glob
   * {@code filter}, and/or the listed {@code files}. Relative paths resolve against the server's working dir.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Local(@JsonProperty("baseDir") String baseDir, @JsonProperty("filter") String filter,
               @JsonProperty("files") List<String> files) implements InputSourceSpec {
    public Local {
      files = files == null ? null : List.copyOf(files);
      if (baseDir == null && (files == null || files.isEmpty())) {
        throw new InvalidInputException("inputSource", "local inputSource needs baseDir (with filter) or files");
      }
      if (baseDir != null && filter == null) {
        throw new InvalidInputException("filter", "local inputSource with baseDir needs a filter, for example \"*\"");
      }
    }
  }

  /** Data given in the spec itself. */
  record Inline(@JsonProperty("data") String data) implements InputSourceSpec {
    public Inline {
      Specs.required(data, "data", "the inline input text");
    }
  }
}
