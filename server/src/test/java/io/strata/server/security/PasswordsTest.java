package io.strata.server.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordsTest {
  @Test
  void matchesOnlyItsOwnPasswordAndUnusableCredentialsMatchNothing() {
    Passwords.Credentials c = Passwords.create("s3cret", 1000);
    assertThat(Passwords.matches("s3cret", c)).isTrue();
    assertThat(Passwords.matches("s3cret ", c)).isFalse();
    assertThat(Passwords.create("s3cret", 1000).salt()).isNotEqualTo(c.salt());
    assertThat(Passwords.matches("s3cret", new Passwords.Credentials("!!", c.hash(), 1000))).isFalse();
    assertThat(Passwords.matches("s3cret", new Passwords.Credentials(c.salt(), c.hash(), 0))).isFalse();
    assertThat(Passwords.matches("s3cret", new Passwords.Credentials("", c.hash(), 1000))).isFalse();
  }
}
