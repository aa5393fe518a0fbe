package io.ampbraze.connect.braze.braze;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.ampbraze.connect.braze.input.JsonDocuments;

/**
 * A parsed /users/track answer: status, Braze's {@code message}, item-level {@code errors} and
 * the rate-limit headers; {@link #outcome()} classifies it (braze.md §1.4).
 */
public record TrackResponse(
    int status, String message, List<ItemError> errors, RateLimitHeaders rateLimit) {

  /** What the delivery pipeline does with an answer. */
  public enum Outcome {
    /** 2xx: accepted; objects named in {@code errors} were not. */
    SUCCESS,
    /** 429: wait until x-ratelimit-reset, then retry. */
    RATE_LIMITED,
    /** 408 or 5xx: retry with backoff. */
    RETRY,
    /** 400 or 413: something in the batch is bad or too big; isolate it by splitting. */
    BAD_REQUEST,
    /** 401, 403, 404 or a redirect: the configuration is wrong; fail the task. */
    FATAL,
    /** Other 4xx: the request's objects are reported. */
    REJECTED
  }

  private static final int MAX_MESSAGE = 300;

  public Outcome outcome() {
    if (status >= 200 && status < 300) {
      return Outcome.SUCCESS;
    }
    if (status == 429) {
      return Outcome.RATE_LIMITED;
    }
    if (status == 408 || status >= 500) {
      return Outcome.RETRY;
    }
    if (status == 400 || status == 413) {
      return Outcome.BAD_REQUEST;
    }
    if (status < 400 || status == 401 || status == 403 || status == 404 || status == 405) {
      return Outcome.FATAL;
    }
    return Outcome.REJECTED;
  }

  /** A short description for messages: status and Braze's message. */
  public String describe() {
    return "HTTP " + status + (message == null || message.isEmpty() ? "" : " (" + message + ")");
  }

  /**
   * Parses an answer body; anything that is not Braze's JSON leaves message and errors empty.
   *
   * @param secret a value to blank out of Braze's text (the API key: Braze may echo it)
   */
  public static TrackResponse parse(int status, String body, RateLimitHeaders rateLimit, String secret) {
    String message = null;
    List<ItemError> errors = new ArrayList<>();
    JsonNode root = null;
    if (body != null && !body.isBlank()) {
      try {
        root = JsonDocuments.MAPPER.readTree(body);
      } catch (Exception e) {
        root = null;
      }
    }
    if (root != null && root.isObject()) {
      JsonNode m = root.get("message");
      if (m != null && m.isValueNode()) {
        message = clean(m.asText(), secret);
      }
      JsonNode list = root.get("errors");
      if (list != null && list.isArray()) {
        for (JsonNode item : list) {
          errors.add(item(item, secret));
        }
      }
    } else if (body != null && !body.isBlank() && status >= 300) {
      message = clean(body, secret);
    }
    return new TrackResponse(status, message, List.copyOf(errors), rateLimit);
  }

  private static ItemError item(JsonNode item, String secret) {
    if (!item.isObject()) {
      return new ItemError(clean(item.asText(), secret), null, -1);
    }
    JsonNode type = item.get("type");
    JsonNode array = item.get("input_array");
    JsonNode index = item.get("index");
    return new ItemError(
        type == null ? "unspecified error" : clean(type.asText(), secret),
        array == null ? null : ObjectKind.ofArray(array.asText()),
        index != null && index.canConvertToInt() ? index.asInt() : -1);
  }

  private static String clean(String text, String secret) {
    String t = text;
    if (secret != null && !secret.isEmpty()) {
      t = t.replace(secret, "[hidden]");
    }
    t = t.replaceAll("\\s+", " ").trim();
    return t.length() > MAX_MESSAGE ? t.substring(0, MAX_MESSAGE) + "…" : t;
  }
}
