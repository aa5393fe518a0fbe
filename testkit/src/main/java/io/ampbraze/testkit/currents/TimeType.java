package io.ampbraze.testkit.currents;

/**
 * The Avro type of a Currents record's {@code time} field (UNIX seconds): {@code int} in most
 * event types, {@code long} in {@code users.messages.whatsapp.*} and {@code agentconsole.*}.
 */
public enum TimeType {
  INT,
  LONG
}
