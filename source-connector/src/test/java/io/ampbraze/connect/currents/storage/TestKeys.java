package io.ampbraze.connect.currents.storage;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Throwaway credentials made up for the tests. */
public final class TestKeys {
  private static String pem;

  private TestKeys() {}

  /** A PEM PKCS#8 RSA private key, generated once per test run. */
  public static synchronized String privateKeyPem() {
    if (pem == null) {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String b64 =
            Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        pem = "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return pem;
  }

  /** A service-account key file whose token endpoint is {@code tokenUri}. */
  public static String serviceAccountJson(String tokenUri) {
    return "{\"type\":\"service_account\",\"project_id\":\"test-project\","
        + "\"private_key_id\":\"0123456789abcdef\","
        + "\"private_key\":\"" + privateKeyPem().replace("\n", "\\n") + "\","
        + "\"client_email\":\"reader@test-project.iam.gserviceaccount.com\","
        + "\"client_id\":\"1234567890\","
        + "\"token_uri\":\"" + tokenUri + "\"}";
  }
}
