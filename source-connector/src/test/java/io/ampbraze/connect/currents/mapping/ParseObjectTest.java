package io.ampbraze.connect.currents.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link AvroJson#parseObject} (a fast path for plain JSON, Jackson's streaming parser for the
 * rest) against the straightforward reading it replaced, kept here as the oracle: Jackson
 * databind into plain Java objects, then BigInteger/BigDecimal/non-finite doubles normalised.
 * Results must agree exactly, Java types included, on hand-picked edge cases and on many random
 * documents, valid and damaged.
 */
class ParseObjectTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The reading {@link AvroJson#parseObject} must match. */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> oracle(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      Object parsed = MAPPER.readValue(json, Object.class);
      return parsed instanceof Map<?, ?> m
          ? Optional.of((Map<String, Object>) normalize(m))
          : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static Object normalize(Object v) {
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? d : null;
    }
    if (v instanceof Map<?, ?> m) {
      JsonValue out = new JsonValue();
      m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(normalize(x)));
      return out;
    }
    return v;
  }

  /** A value with its Java types spelled out, maps in key order. */
  private static String typed(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder(v.getClass().getSimpleName()).append('{');
      m.forEach((k, x) -> b.append(typed(k)).append('=').append(typed(x)).append(','));
      return b.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder(v.getClass().getSimpleName()).append('[');
      l.forEach(x -> b.append(typed(x)).append(','));
      return b.append(']').toString();
    }
    if (v instanceof Double d) {
      return "Double:" + Double.doubleToRawLongBits(d);
    }
    return v.getClass().getSimpleName() + ":" + v;
  }

  private static void assertSame(String json) {
    Optional<Map<String, Object>> expected = oracle(json);
    Optional<Map<String, Object>> actual = AvroJson.parseObject(json);
    assertThat(actual.map(ParseObjectTest::typed).orElse("<empty>"))
        .as("parsing %s", json)
        .isEqualTo(expected.map(ParseObjectTest::typed).orElse("<empty>"));
  }

  @Test
  void edgeCasesAgreeWithJackson() {
    String[] cases = {
      null, "", "   ", "\u000B", "{}", " {} ", "\n{ }\t", "{ \"a\" : 1 }", "[1,2]", "null", "\"text\"", "1",
      "true", "not json", "{\"a\":1} trailing", "{\"a\":1}}", "{\"a\":1} // c", "{\"a\":1}{\"b\":2}",
      "{\"a\":1,\"a\":2,\"b\":3}", "{\"a\":{\"x\":1},\"a\":[1]}", "{\"x\":{\"y\":1,\"y\":[1,{\"z\":null}]}}",
      "{\"n\":1.0,\"e\":1e2,\"E\":1E+2,\"m\":1e-2,\"neg\":-0.0,\"negInt\":-0,\"big\":1E400,\"tiny\":1e-400}",
      "{\"i\":2147483647,\"j\":2147483648,\"k\":-2147483648,\"l\":-2147483649}",
      "{\"a\":999999999999999999,\"b\":1000000000000000000,\"c\":9223372036854775807,"
          + "\"d\":9223372036854775808,\"e\":-9223372036854775808,\"f\":-9223372036854775809}",
      "{\"a\":123456789.123456789,\"b\":0.1,\"c\":100000000000000000000.0,\"d\":4.9e-324,\"e\":1.7976931348623157e308}",
      "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":+1}", "{\"a\":1.5.3}",
      "{\"a\":-01}", "{\"a\":0x10}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":1-}",
      "{\"a\":truex}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{\"a\":true,}", "{\"a\":1,}", "{,}",
      "{'a':1}", "{a:1}", "{\"a\" 1}", "{\"a\":1", "{\"a\":[1,2}", "{\"a\":[1,2,]}", "{\"a\":[,]}", "{\"a\":[]}",
      "{\"a\":[[]]}", "{\"\":\"empty key\"}", "{\"a\":\"x\\\"y\"}", "{\"a\":\"\\u00e9\\ud83d\\ude00\"}",
      "{\"a\":\"\\/\\b\\f\\n\\r\\t\\u0000\"}", "{\"a\":\"\\x\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"nl\nhere\"}",
      "{\"a\":\"é€😀\"}", "{\"😀\":1}", "{\"a\":\"\ud800\"}", "\ufeff{\"a\":1}", "\u00a0{\"a\":1}", "\f{\"a\":1}",
      "{\"a\":1}\u0000", "{\"a\"\u00a0:1}", "{\"a\":\u00a01}", "{\"a\":1 ,\"b\":2 }", "{\n\t\"a\"\r:\n1\r\n}",
      "{\"deep\":[[[[[[{\"x\":[[1]]}]]]]]]}", "{\"a\":\"" + "x".repeat(20_000) + "\"}",
      "{\"" + "k".repeat(60_000) + "\":1}", "{\"a\":" + "9".repeat(1_200) + "}", "{\"a\":1." + "5".repeat(1_200) + "}",
      "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}", "{\"a\":" + "[".repeat(1_200) + "]".repeat(1_200) + "}",
      "{\"a\":" + "[".repeat(70) + "1" + "]".repeat(70) + "}", "{\"a\":{\"b\":{\"c\":{}}}}",
      "{\"sku\":\"SKU-1\",\"count\":3,\"premium\":true}",
      "{\"color\":\"red\",\"score\":12.5,\"tags\":[\"a\",\"b\"],\"nested\":{\"level\":3}}",
      "{\"favorite_color\":\"red\",\"visits\":7,\"vip\":false,\"cleared_attribute\":null}",
    };
    for (String c : cases) {
      assertSame(c);
    }
  }

  @Test
  void randomDocumentsValidAndDamagedAgreeWithJackson() {
    Random random = new Random(20240305);
    int objects = 0;
    for (int n = 0; n < 30_000; n++) {
      StringBuilder b = new StringBuilder();
      writeObject(b, random, 0);
      String json = b.toString();
      if (random.nextInt(3) == 0) {
        json = damage(json, random);
      }
      if (random.nextInt(10) == 0) {
        json = pad(random) + json + pad(random);
      }
      assertSame(json);
      if (oracle(json).isPresent()) {
        objects++;
      }
    }
    assertThat(objects).as("documents that are objects").isGreaterThan(10_000);
  }

  private static final String[] KEYS = {"a", "sku", "count", "", "ü", "k\"q", "tab\\t", "😀", "a"};
  private static final String[] STRINGS = {"x", "", "red", "é€", "😀", "with \\\"quote\\\"", "\\u0041", "\\n", "/", "a b"};
  private static final String[] NUMBERS = {
    "0", "-0", "1", "-1", "42", "2147483647", "2147483648", "-2147483648", "-2147483649",
    "999999999999999999", "1000000000000000000", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "123456789012345678901234567890", "0.5", "-0.0", "1.0", "1e2", "1E-2",
    "1e+2", "12.5e3", "1e400", "-1e400", "1e-400", "0.1", "3.141592653589793238462643383279",
    "01", "1.", ".5", "-", "1e", "+1", "0x1F", "NaN", "1.5.3",
  };
  private static final char[] DAMAGE = {'{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '0', '-', '.', 'e', 'a', '\u0001', '\u00a0', 't'};

  private static void writeObject(StringBuilder b, Random r, int depth) {
    b.append('{').append(ws(r));
    int members = r.nextInt(depth == 0 ? 6 : 4);
    for (int m = 0; m < members; m++) {
      if (m > 0) {
        b.append(',').append(ws(r));
      }
      b.append('"').append(KEYS[r.nextInt(KEYS.length)]).append('"').append(ws(r)).append(':').append(ws(r));
      writeValue(b, r, depth);
      b.append(ws(r));
    }
    b.append('}');
  }

  private static void writeValue(StringBuilder b, Random r, int depth) {
    int kind = r.nextInt(depth < 3 ? 8 : 6);
    switch (kind) {
      case 0, 1 -> b.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
      case 2, 3 -> b.append(NUMBERS[r.nextInt(NUMBERS.length)]);
      case 4 -> b.append(r.nextBoolean() ? "true" : r.nextBoolean() ? "false" : "null");
      case 5 -> b.append(r.nextInt(1_000_000) / 100.0);
      case 6 -> writeObject(b, r, depth + 1);
      default -> {
        b.append('[').append(ws(r));
        int items = r.nextInt(4);
        for (int i = 0; i < items; i++) {
          if (i > 0) {
            b.append(',').append(ws(r));
          }
          writeValue(b, r, depth + 1);
        }
        b.append(ws(r)).append(']');
      }
    }
  }

  private static String ws(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> " ";
      case 1 -> "\n\t";
      case 2 -> "\r\n ";
      default -> "";
    };
  }

  private static String pad(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> " ";
      case 1 -> "x";
      case 2 -> "\u00a0";
      default -> "";
    };
  }

  private static String damage(String json, Random r) {
    StringBuilder b = new StringBuilder(json);
    int at = r.nextInt(b.length());
    switch (r.nextInt(3)) {
      case 0 -> b.deleteCharAt(at);
      case 1 -> b.insert(at, DAMAGE[r.nextInt(DAMAGE.length)]);
      default -> b.setCharAt(at, DAMAGE[r.nextInt(DAMAGE.length)]);
    }
    return b.toString();
  }
}
