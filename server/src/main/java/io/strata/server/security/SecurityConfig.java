package io.strata.server.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.server.ServerConfig;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of Strata's security, modelled on Druid's {@code druid-basic-security}: off by default; one switch
 * ({@code strata.auth.enabled=true}, or {@code bin/strata server --auth}) turns on HTTP Basic authentication against
 * users in the metadata store and role-based authorization of every endpoint.
 *
 * @param enabled                      whether requests must authenticate
 * @param authenticatorName            the basic authenticator's name in the security API paths (Druid's examples use
 *                                     {@code MyBasicMetadataAuthenticator})
 * @param authorizerName               the basic authorizer's name (Druid's examples: {@code MyBasicMetadataAuthorizer})
 * @param initialAdminPassword         the password given to user {@code admin} when the store has no such user yet
 *                                     ({@code druid.auth.authenticator.<name>.initialAdminPassword}, or the
 *                                     {@code STRATA_ADMIN_PASSWORD} environment variable)
 * @param initialInternalClientPassword the password of user {@code druid_system}, created like {@code admin} if set
 * @param credentialIterations         PBKDF2 iterations for new passwords (Druid's default: 10000)
 * @param enableInputSourceSecurity    tasks also need READ on resource type EXTERNAL named after each input source type
 *                                     (Druid's {@code druid.auth.enableInputSourceSecurity})
 */
public record SecurityConfig(boolean enabled, String authenticatorName, String authorizerName,
                             String initialAdminPassword, String initialInternalClientPassword,
                             int credentialIterations, boolean enableInputSourceSecurity) {
  public static final String DEFAULT_AUTHENTICATOR = "MyBasicMetadataAuthenticator";
  public static final String DEFAULT_AUTHORIZER = "MyBasicMetadataAuthorizer";
  public static final int DEFAULT_ITERATIONS = 10_000;

  public static final SecurityConfig DISABLED = new SecurityConfig(false, DEFAULT_AUTHENTICATOR, DEFAULT_AUTHORIZER,
      null, null, DEFAULT_ITERATIONS, false);

  public SecurityConfig {
    if (credentialIterations < 1) {
      throw new IllegalArgumentException("credentialIterations must be positive");
    }
  }

  /** Security on, with this initial admin password. */
  public static SecurityConfig enabledWithAdminPassword(String password) {
    return new SecurityConfig(true, DEFAULT_AUTHENTICATOR, DEFAULT_AUTHORIZER, password, null, DEFAULT_ITERATIONS,
        false);
  }

  public SecurityConfig withEnabled(boolean on) {
    return new SecurityConfig(on, authenticatorName, authorizerName, initialAdminPassword,
        initialInternalClientPassword, credentialIterations, enableInputSourceSecurity);
  }

  public SecurityConfig withInputSourceSecurity(boolean on) {
    return new SecurityConfig(enabled, authenticatorName, authorizerName, initialAdminPassword,
        initialInternalClientPassword, credentialIterations, on);
  }

  public SecurityConfig withIterations(int iterations) {
    return new SecurityConfig(enabled, authenticatorName, authorizerName, initialAdminPassword,
        initialInternalClientPassword, iterations, enableInputSourceSecurity);
  }

  /** This config with the settings of {@code props} and the environment. */
  public SecurityConfig withProperties(Properties props, Map<String, String> env) {
    boolean on = Boolean.parseBoolean(props.getProperty("strata.auth.enabled", Boolean.toString(enabled)).trim());
    String authenticator = props.getProperty("strata.auth.authenticatorName", authenticatorName).trim();
    String authorizer = props.getProperty("strata.auth.authorizerName", authorizerName).trim();
    // Druid's own switch: a basic authenticator in druid.auth.authenticatorChain turns security on, with its name
    // and the authorizer it names.
    List<String> chain = ServerConfig.listValue(props, "druid.auth.authenticatorChain");
    if (chain != null) {
      for (String name : chain) {
        if ("basic".equals(props.getProperty("druid.auth.authenticator." + name + ".type", "").trim())) {
          on = true;
          authenticator = name;
          authorizer = props.getProperty("druid.auth.authenticator." + name + ".authorizerName", authorizer).trim();
          break;
        }
      }
    }
    String prefix = "druid.auth.authenticator." + authenticator + ".";
    String admin = password(props.getProperty(prefix + "initialAdminPassword"), env, prefix + "initialAdminPassword");
    if (admin == null) {
      admin = env.getOrDefault("STRATA_ADMIN_PASSWORD", initialAdminPassword);
    }
    String internal = password(props.getProperty(prefix + "initialInternalClientPassword"), env,
        prefix + "initialInternalClientPassword");
    String iterations = props.getProperty(prefix + "credentialIterations");
    int n = credentialIterations;
    if (iterations != null) {
      try {
        n = Integer.parseInt(iterations.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("setting [" + prefix + "credentialIterations] must be a whole number");
      }
    }
    boolean inputSecurity = Boolean.parseBoolean(props.getProperty("druid.auth.enableInputSourceSecurity",
        Boolean.toString(enableInputSourceSecurity)).trim());
    return new SecurityConfig(on, authenticator, authorizer, admin,
        internal != null ? internal : initialInternalClientPassword, n, inputSecurity);
  }

  /** A password setting: plain text or a Druid password provider {@code {"type":"environment","variable":...}}. */
  private static String password(String value, Map<String, String> env, String key) {
    if (value == null) {
      return null;
    }
    String t = value.trim();
    if (!t.startsWith("{")) {
      return value;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(t);
      if ("environment".equals(n.path("type").asText()) && n.path("variable").isTextual()) {
        return env.get(n.get("variable").asText());
      }
      if (n.path("password").isTextual()) {
        return n.get("password").asText();
      }
    } catch (JsonProcessingException e) {
      // not JSON after all: a password that starts with '{'
      return value;
    }
    throw new IllegalArgumentException("setting [" + key + "]: use a password or {\"type\":\"environment\","
        + "\"variable\":...}");
  }

  @Override
  public String toString() {
    return "SecurityConfig[enabled=" + enabled + ", authenticator=" + authenticatorName + ", authorizer="
        + authorizerName + ", inputSourceSecurity=" + enableInputSourceSecurity + "]";
  }
}
