package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class SecretsTest {
  private final Secrets secrets = Secrets.of(List.of("pa ss/word+1", "tok", "longer-secret"));

  @Test
  void masksPlainAndUrlEncodedSecretsAndSasSignatures() {
    assertThat(secrets.redact("a pa ss/word+1 b pa+ss%2Fword%2B1 c pa%20ss%2Fword%2B1"))
        .isEqualTo("a [hidden] b [hidden] c [hidden]");
    assertThat(secrets.redact("GET /c?sv=1&sig=abc%3D&sp=r")).isEqualTo("GET /c?sv=1&sig=[hidden]&sp=r");
    assertThat(secrets.redact("tok is too short to mask")).isEqualTo("tok is too short to mask");
    assertThat(secrets.redact(null)).isNull();
  }

  @Test
  void leavesCleanExceptionsAlone() {
    IOException clean = new IOException("connection refused");
    assertThat(secrets.scrub(clean)).isSameAs(clean);
  }

  @Test
  void copiesAChainWhoseMessagesHoldASecret() {
    RuntimeException cause = new IllegalStateException("bad key longer-secret");
    cause.addSuppressed(new IOException("also longer-secret"));
    IOException top = new IOException("wrapper", cause);
    Throwable scrubbed = secrets.scrub(top);
    assertThat(scrubbed).isNotSameAs(top).hasMessage("java.io.IOException: wrapper");
    assertThat(scrubbed.getCause())
        .hasMessage("java.lang.IllegalStateException: bad key [hidden]");
    assertThat(scrubbed.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
    assertThat(scrubbed.getCause().getSuppressed()[0]).hasMessageNotContaining("longer-secret");
  }
}
