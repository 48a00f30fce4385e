package io.strata.kinesis;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes Kinesis clients for an ioConfig's {@code endpoint}. Credentials, as Druid takes them: the system properties
 * {@code druid.kinesis.accessKey} and {@code druid.kinesis.secretKey} when both are set, else the AWS default chain
 * (environment, profile, container or instance role). The region comes from an AWS endpoint's host name
 * ({@code kinesis.eu-west-1.amazonaws.com}), else {@code druid.kinesis.region}, else {@code us-east-1}.
 */
public final class KinesisClients {
  private static final Pattern AWS_HOST = Pattern.compile("kinesis(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

  static {
    // Kinesis-compatible local servers (kinesalite, LocalStack's) speak only the JSON protocol, which AWS accepts too;
    // the SDK would otherwise send CBOR. A user's explicit setting wins.
    if (System.getProperty("aws.cborEnabled") == null && System.getenv("CBOR_ENABLED") == null) {
      System.setProperty("aws.cborEnabled", "false");
    }
  }

  private KinesisClients() {
  }

  public static KinesisClient create(String endpoint) {
    URI uri = uriOf(endpoint);
    return KinesisClient.builder()
        .endpointOverride(uri)
        .region(regionOf(uri.getHost()))
        .credentialsProvider(credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(30)))
        .build();
  }

  /** {@code host} (https) or a URL as given. */
  static URI uriOf(String endpoint) {
    String e = endpoint.trim();
    return URI.create(e.startsWith("http://") || e.startsWith("https://") ? e : "https://" + e);
  }

  static Region regionOf(String host) {
    Matcher m = host == null ? null : AWS_HOST.matcher(host);
    if (m != null && m.matches()) {
      return Region.of(m.group(1));
    }
    String configured = System.getProperty("druid.kinesis.region");
    return Region.of(configured != null && !configured.isBlank() ? configured.trim() : "us-east-1");
  }

  private static AwsCredentialsProvider credentials() {
    String access = System.getProperty("druid.kinesis.accessKey");
    String secret = System.getProperty("druid.kinesis.secretKey");
    if (access != null && secret != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
