package io.ampbraze.connect.currents.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * A fast path for the small JSON objects Currents carries in string fields ({@code properties},
 * {@code custom_attributes}): it reads plain, strictly valid JSON into the same values Jackson
 * gives {@link AvroJson#parseObject}, and gives up ({@link #UNSURE}) on anything else (escapes,
 * control characters, surrogates, long numbers, deep nesting, any syntax error), for Jackson to
 * read. So it never decides a case differently from Jackson; it only skips Jackson's set-up and
 * its generic deserialisation for the common case.
 */
final class SimpleJsonParser {
  /** The text is not plain JSON this parser is sure about: ask Jackson. */
  static final Object UNSURE = new Object();
  /** The text does not start with an object (Jackson reads no object either). */
  static final Object NOT_AN_OBJECT = new Object();

  // Well below Jackson's limits (e.g. 50,000 characters for a name), so they never matter here.
  private static final int MAX_LENGTH = 16_384;
  private static final int MAX_DEPTH = 64;
  private static final int MAX_INT_DIGITS = 18;
  private static final int MAX_NUMBER_LENGTH = 64;

  /** Thrown to give up; preallocated, without a stack trace. */
  private static final class Unsure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsure() {
      super(null, null, false, false);
    }
  }

  private static final Unsure GIVE_UP = new Unsure();

  private final String s;
  private int i;
  private int depth;

  private SimpleJsonParser(String s) {
    this.s = s;
  }

  /**
   * The object at the start of {@code json} (whatever follows it is not looked at, as with
   * Jackson) as a {@link JsonValue}; or {@link #NOT_AN_OBJECT}; or {@link #UNSURE}.
   */
  static Object parse(String json) {
    if (json.length() > MAX_LENGTH) {
      return UNSURE;
    }
    SimpleJsonParser p = new SimpleJsonParser(json);
    p.skipWhitespace();
    if (p.i >= json.length() || json.charAt(p.i) != '{') {
      // Jackson finds no object here either: another value, nothing, or an error.
      return NOT_AN_OBJECT;
    }
    try {
      return p.object();
    } catch (Unsure | IndexOutOfBoundsException e) {
      return UNSURE;
    }
  }

  /** Reads an object starting at its '{'. */
  private JsonValue object() {
    JsonValue out = new JsonValue();
    if (open('}')) {
      return out;
    }
    do {
      if (s.charAt(i) != '"') {
        throw GIVE_UP;
      }
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      out.put(key, value());
    } while (!closed('}'));
    return out;
  }

  /** Reads an array starting at its '['. */
  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    if (open(']')) {
      return out;
    }
    do {
      out.add(value());
    } while (!closed(']'));
    return out;
  }

  /** Enters the object or array whose bracket is at {@code i}; true if it is empty (and left). */
  private boolean open(char close) {
    if (++depth > MAX_DEPTH) {
      throw GIVE_UP;
    }
    i++;
    skipWhitespace();
    if (s.charAt(i) == close) {
      i++;
      depth--;
      return true;
    }
    return false;
  }

  /** After a member or element: true at the closing bracket (then left), false after a comma. */
  private boolean closed(char close) {
    skipWhitespace();
    char c = s.charAt(i++);
    if (c == close) {
      depth--;
      return true;
    }
    if (c != ',') {
      throw GIVE_UP;
    }
    skipWhitespace();
    return false;
  }

  private Object value() {
    char c = s.charAt(i);
    switch (c) {
      case '"':
        return string();
      case '{':
        return object();
      case '[':
        return array();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw GIVE_UP;
    }
  }

  /** A string without escapes, control characters or surrogates, starting at its quote. */
  private String string() {
    int start = ++i;
    while (true) {
      char c = s.charAt(i);
      if (c == '"') {
        return s.substring(start, i++);
      }
      if (c < 0x20 || c == '\\' || Character.isSurrogate(c)) {
        throw GIVE_UP;
      }
      i++;
    }
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, as Jackson reads it. */
  private Object number() {
    int start = i;
    if (s.charAt(i) == '-') {
      i++;
    }
    int intStart = i;
    if (s.charAt(i) == '0') {
      i++;
    } else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
      digits();
    } else {
      throw GIVE_UP;
    }
    int intDigits = i - intStart;
    boolean integral = true;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      requireDigits();
      integral = false;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      requireDigits();
      integral = false;
    }
    if (i < s.length() && isDigitOrNumberChar(s.charAt(i))) {
      throw GIVE_UP; // e.g. "01": Jackson decides
    }
    if (integral) {
      if (intDigits > MAX_INT_DIGITS) {
        throw GIVE_UP; // maybe beyond a long: Jackson decides
      }
      long v = Long.parseLong(s, start, i, 10);
      // Jackson reads integers that fit an int as Integer, the rest as Long.
      return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }
    if (i - start > MAX_NUMBER_LENGTH) {
      throw GIVE_UP;
    }
    double d = Double.parseDouble(s.substring(start, i));
    return Double.isFinite(d) ? d : null;
  }

  private static boolean isDigitOrNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  private void digits() {
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
  }

  private void requireDigits() {
    int from = i;
    digits();
    if (i == from) {
      throw GIVE_UP;
    }
  }

  private void literal(String word) {
    if (!s.startsWith(word, i)) {
      throw GIVE_UP;
    }
    i += word.length();
    if (i < s.length()) {
      char c = s.charAt(i);
      if (c != ',' && c != '}' && c != ']' && !isWhitespace(c)) {
        throw GIVE_UP; // e.g. "truex": Jackson decides
      }
    }
  }

  private void expect(char c) {
    if (s.charAt(i) != c) {
      throw GIVE_UP;
    }
    i++;
  }

  private void skipWhitespace() {
    while (i < s.length() && isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  /** JSON's own whitespace, the only characters Jackson skips. */
  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }
}
