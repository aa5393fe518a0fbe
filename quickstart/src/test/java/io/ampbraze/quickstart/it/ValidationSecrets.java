package io.ampbraze.quickstart.it;

import io.ampbraze.quickstart.connect.SecretReference;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Values for the secrets the examples reference, good enough for the connectors' validate() (which
 * checks their form, never reaching a store) and useless anywhere else.
 */
final class ValidationSecrets {
  private ValidationSecrets() {}

  static String valueFor(SecretReference reference) {
    switch (reference.key()) {
      case "azure.connection.string":
        // The source checks Key=Value pairs, an account name with its key, a base64 key.
        return "DefaultEndpointsProtocol=https;AccountName=validationonly;AccountKey="
            + Base64.getEncoder()
                .encodeToString("validation-only".getBytes(StandardCharsets.UTF_8))
            + ";EndpointSuffix=core.windows.net";
      case "gcs-credentials.json":
        // A key file of a type the source takes, with the fields that type needs.
        return "{\"type\":\"authorized_user\",\"client_id\":\"validation-only\","
            + "\"client_secret\":\"validation-only\",\"refresh_token\":\"validation-only\"}";
      default:
        return "validation-only-" + reference.key();
    }
  }
}
