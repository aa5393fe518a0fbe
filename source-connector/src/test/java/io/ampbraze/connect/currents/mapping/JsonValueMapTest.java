package io.ampbraze.connect.currents.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link JsonValue} keeps the Map contract of a LinkedHashMap: checked against one, op by op. */
class JsonValueMapTest {

  @Test
  void behavesLikeALinkedHashMapUnderRandomOperations() {
    Random random = new Random(42);
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      pool.add("key-" + i);
    }
    pool.add(null);
    pool.add("");
    for (int round = 0; round < 300; round++) {
      JsonValue actual = new JsonValue(random.nextInt(4));
      Map<String, Object> expected = new LinkedHashMap<>();
      for (int op = 0; op < 200; op++) {
        String key = pool.get(random.nextInt(round % 2 == 0 ? 12 : pool.size()));
        Object value = random.nextInt(5) == 0 ? null : random.nextInt(100);
        switch (random.nextInt(10)) {
          case 0, 1, 2, 3 -> assertThat(actual.put(key, value)).isEqualTo(expected.put(key, value));
          case 4 -> {
            if (!expected.containsKey(key)) {
              actual.append(key, value);
              expected.put(key, value);
            }
          }
          case 5 -> assertThat(actual.remove(key)).isEqualTo(expected.remove(key));
          case 6 -> {
            assertThat(actual.get(key)).isEqualTo(expected.get(key));
            assertThat(actual.containsKey(key)).isEqualTo(expected.containsKey(key));
          }
          case 7 -> {
            // remove through the iterator, every third entry
            Iterator<Map.Entry<String, Object>> a = actual.entrySet().iterator();
            Iterator<Map.Entry<String, Object>> e = expected.entrySet().iterator();
            int n = 0;
            while (e.hasNext()) {
              assertThat(a.next().getKey()).isEqualTo(e.next().getKey());
              if (n++ % 3 == 2) {
                a.remove();
                e.remove();
              }
            }
            assertThat(a.hasNext()).isFalse();
          }
          case 8 -> {
            for (Map.Entry<String, Object> x : actual.entrySet()) {
              if (random.nextBoolean()) {
                x.setValue("set");
                expected.put(x.getKey(), "set");
              }
            }
          }
          default -> {
            if (random.nextInt(20) == 0) {
              actual.clear();
              expected.clear();
            }
          }
        }
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(new ArrayList<>(actual.entrySet())).containsExactlyElementsOf(expected.entrySet());
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).isEqualTo(actual);
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
      }
      for (String k : pool) {
        assertThat(actual.get(k)).isEqualTo(expected.get(k));
        assertThat(actual.containsKey(k)).isEqualTo(expected.containsKey(k));
      }
    }
  }

  @Test
  void keepsInsertionOrderAcrossGrowthAndIndexing() {
    JsonValue v = new JsonValue(1);
    for (int i = 0; i < 100; i++) {
      v.append("k" + i, i);
    }
    v.put("k5", "again"); // keeps its place
    v.remove("k0");
    v.put("k0", 0); // goes last
    assertThat(v.keySet()).startsWith("k1", "k2", "k3", "k4", "k5").endsWith("k99", "k0");
    assertThat(v.get("k5")).isEqualTo("again");
    assertThat(v.get("k77")).isEqualTo(77);
    assertThat(v.containsValue(42)).isTrue();
    assertThat(v).hasSize(100);
  }

  @Test
  void iteratorFailsFastOnOutsideChanges() {
    JsonValue v = new JsonValue();
    v.put("a", 1);
    v.put("b", 2);
    Iterator<Map.Entry<String, Object>> it = v.entrySet().iterator();
    it.next();
    v.put("c", 3);
    assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void toStringIsTheJsonInKeyOrder() {
    JsonValue v = new JsonValue();
    v.put("z", 1);
    v.put("a", List.of("x", 2.5));
    JsonValue inner = new JsonValue();
    inner.put("n", null);
    v.put("m", inner);
    v.putAll(Map.of("z", true));
    assertThat(v).hasToString("{\"z\":true,\"a\":[\"x\",2.5],\"m\":{\"n\":null}}");
  }
}
