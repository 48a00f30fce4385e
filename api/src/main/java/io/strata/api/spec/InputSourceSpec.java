package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@code ioConfig.inputSource}; types, all in one place: {@code local}, {@code inline}, {@code http}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InputSourceSpec.Local.class, name = "local"),
    @JsonSubTypes.Type(value = InputSourceSpec.Inline.class, name = "inline"),
    @JsonSubTypes.Type(value = InputSourceSpec.Http.class, name = "http"),
})
public sealed interface InputSourceSpec {
  /** The {@code type} name, as Druid's {@code EXTERNAL} resource permissions name input sources. */
  String typeName();

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

    @Override
    public String typeName() {
      return "local";
    }
  }

  /** Data given in the spec itself. */
  record Inline(@JsonProperty("data") String data) implements InputSourceSpec {
    public Inline {
      Specs.required(data, "data", "the inline input text");
    }

    @Override
    public String typeName() {
      return "inline";
    }
  }

  /**
   * Files fetched over HTTP(S), one split per URI (a URI whose path ends in {@code .gz} is decompressed). Basic
   * authentication with {@code httpAuthenticationUsername} and {@code httpAuthenticationPassword} (a string,
   * {@code {"type":"default","password":...}} or {@code {"type":"environment","variable":...}}, Druid's password
   * providers); {@code requestHeaders} are sent with every request. The password never appears in the task
   * payload the API shows.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Http(@JsonProperty("uris") List<URI> uris,
              @JsonProperty("httpAuthenticationUsername") String httpAuthenticationUsername,
              @JsonProperty("httpAuthenticationPassword") PasswordProvider httpAuthenticationPassword,
              @JsonProperty("requestHeaders") Map<String, String> requestHeaders)
      implements InputSourceSpec {
    public Http {
      Specs.required(uris, "uris", "the URIs to fetch, for example [\"https://example.com/data.json\"]");
      if (uris.isEmpty()) {
        throw new InvalidInputException("uris", "Invalid value for field [uris]: give at least one URI");
      }
      uris = List.copyOf(uris);
      requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
      if (httpAuthenticationPassword != null && httpAuthenticationUsername == null) {
        throw new InvalidInputException("httpAuthenticationUsername", "httpAuthenticationPassword needs "
            + "httpAuthenticationUsername");
      }
    }

    @Override
    public String typeName() {
      return "http";
    }
  }

  /**
   * Druid's password providers: a plain string (same as {@code {"type":"default","password":...}}) or
   * {@code {"type":"environment","variable":"NAME"}}, read from the server's environment when the task runs.
   * Serialized without the password itself.
   */
  @JsonDeserialize(using = PasswordProvider.Reader.class)
  final class PasswordProvider {
    private final String password;
    private final String variable;

    private PasswordProvider(String password, String variable) {
      this.password = password;
      this.variable = variable;
    }

    /** The environment variable the password comes from, or null for a given password. */
    public String variable() {
      return variable;
    }

    /** The password: the given one, or the environment variable's value (empty if it is not set). */
    public String password() {
      if (variable != null) {
        String v = System.getenv(variable);
        return v == null ? "" : v;
      }
      return password;
    }

    @JsonValue
    Map<String, String> json() {
      return variable != null ? Map.of("type", "environment", "variable", variable)
          : Map.of("type", "default", "password", "<hidden>");
    }

    static final class Reader extends JsonDeserializer<PasswordProvider> {
      @Override
      public PasswordProvider deserialize(JsonParser p,
                                          DeserializationContext ctxt)
          throws IOException {
        JsonNode n = ctxt.readTree(p);
        if (n.isTextual()) {
          return new PasswordProvider(n.asText(), null);
        }
        String type = n.path("type").asText("default");
        if (type.equals("default") && n.path("password").isTextual()) {
          return new PasswordProvider(n.get("password").asText(), null);
        }
        if (type.equals("environment") && n.path("variable").isTextual()) {
          return new PasswordProvider(null, n.get("variable").asText());
        }
        throw new InvalidInputException("httpAuthenticationPassword", "Invalid value for field "
            + "[httpAuthenticationPassword]: use a string, {\"type\":\"default\",\"password\":...} or "
            + "{\"type\":\"environment\",\"variable\":...}");
      }
    }
  }
}
