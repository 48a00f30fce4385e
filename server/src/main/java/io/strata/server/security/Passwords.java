package io.strata.server.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing as Druid's basic security does it: PBKDF2 with HMAC-SHA512, a random 32-byte salt per password,
 * a 512-bit derived key, {@code iterations} rounds (10000 by default). Only the salt, the hash and the iteration
 * count are stored. Thread-safe.
 */
public final class Passwords {
  private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
  private static final int SALT_BYTES = 32;
  private static final int KEY_BITS = 512;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {
  }

  /** Stored credentials: Base64 salt and hash, and the iteration count. */
  public record Credentials(String salt, String hash, int iterations) {
  }

  /** New credentials for a password, with a fresh salt. */
  public static Credentials create(String password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = hash(password, salt, iterations);
    return new Credentials(Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(hash),
        iterations);
  }

  /**
   * True if {@code password} is the one the credentials were made from (compared in constant time). Credentials
   * that cannot be used (not Base64, no iterations) match nothing.
   */
  public static boolean matches(String password, Credentials credentials) {
    byte[] salt;
    byte[] expected;
    try {
      salt = Base64.getDecoder().decode(credentials.salt());
      expected = Base64.getDecoder().decode(credentials.hash());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (credentials.iterations() < 1 || salt.length == 0) {
      return false;
    }
    return MessageDigest.isEqual(expected, hash(password, salt, credentials.iterations()));
  }

  static byte[] hash(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}
