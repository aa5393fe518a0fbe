package io.ampbraze.connect.currents.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.ampbraze.connect.currents.config.EventNameOverrides;

class EventNamesTest {
  private final EventNames names = new EventNames("[Appboy] ", EventNameOverrides.parse("k", List.of()));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "users.behaviors.Purchase|[Appboy] Purchase",
        "users.behaviors.app.FirstSession|[Appboy] First Session",
        "users.behaviors.app.SessionStart|[Appboy] Session Start",
        "users.behaviors.app.SessionEnd|[Appboy] Session End",
        "users.behaviors.Location|[Appboy] Location",
        "users.behaviors.InstallAttribution|[Appboy] Install Attribution",
        "users.behaviors.Uninstall|[Appboy] Uninstall",
        "users.behaviors.subscriptiongroup.StateChange|[Appboy] Subscription Group State Change",
        "users.messages.pushnotification.Send|[Appboy] Push Notification Send",
        "users.messages.pushnotification.Open|[Appboy] Push Notification Open",
        "users.messages.pushnotification.IosForeground|[Appboy] Push Notification iOS Foreground Open",
        "users.messages.email.Send|[Appboy] Email Send",
        "users.messages.email.SoftBounce|[Appboy] Email Soft Bounce",
        "users.messages.email.MarkAsSpam|[Appboy] Email Mark As Spam",
        "users.messages.sms.Send|[Appboy] SMS Send",
        "users.messages.sms.CarrierSend|[Appboy] SMS Send To Carrier",
        "users.messages.sms.DeliveryFailure|[Appboy] SMS Delivery Failure",
        "users.messages.inappmessage.Impression|[Appboy] In-App Message Impression",
        "users.messages.webhook.Send|[Appboy] Webhook Send",
        "users.messages.contentcard.Dismiss|[Appboy] Content Card Dismiss",
        "users.messages.whatsapp.Send|[Appboy] WhatsApp Send",
        "users.campaigns.Conversion|[Appboy] Campaign Conversion Event",
        "users.canvas.Conversion|[Appboy] Canvas Conversion Event",
        "users.canvas.Entry|[Appboy] Canvas Entry",
        "users.campaigns.EnrollInControl|[Appboy] Campaign Control Group Enrollment",
        "users.canvas.exit.MatchedAudience|[Appboy] Canvas Exit Matched Audience",
        "agentconsole.AgentExecuted|[Appboy] Agent Console Agent Executed",
        "users.RandomBucketNumberUpdate|[Appboy] Random Bucket Number Update"
      })
  void builtInAndDerivedNames(String type, String expected) {
    assertThat(names.eventType(type, null)).isEqualTo(expected);
  }

  @Test
  void customEventsUseTheirOwnName() {
    assertThat(names.eventType("users.behaviors.CustomEvent", "Level Up"))
        .isEqualTo("[Appboy] [Custom Event] Level Up");
  }

  @Test
  void overridesWinAndMayUseTheName() {
    EventNames o =
        new EventNames(
            "",
            EventNameOverrides.parse(
                "k",
                List.of("users.messages.email.Open=Email Opened", "users.behaviors.CustomEvent=ce: ${name}")));
    assertThat(o.eventType("users.messages.email.Open", null)).isEqualTo("Email Opened");
    assertThat(o.eventType("users.behaviors.CustomEvent", "x")).isEqualTo("ce: x");
    assertThat(o.eventType("users.messages.email.Send", null)).isEqualTo("Email Send");
  }

  @Test
  void splitCamel() {
    assertThat(EventNames.splitCamel("IosForeground")).isEqualTo("iOS Foreground");
    assertThat(EventNames.splitCamel("HTMLClick")).isEqualTo("HTML Click");
    assertThat(EventNames.splitCamel("send_to_carrier")).isEqualTo("Send To Carrier");
    assertThat(EventNames.splitCamel("Step2Done")).isEqualTo("Step2 Done");
  }
}
