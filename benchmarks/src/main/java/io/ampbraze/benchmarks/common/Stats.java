package io.ampbraze.benchmarks.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The median, minimum and maximum of one figure over several runs. */
public record Stats(double median, double min, double max, List<Double> values) {

  public static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, List.of());
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(median, sorted.get(0), sorted.get(n - 1), List.copyOf(values));
  }

  /** {@code median (min–max)} with the given number format, e.g. {@code %,.0f}. */
  public String format(String numberFormat) {
    if (values.isEmpty()) {
      return "n/a";
    }
    String m = String.format(Locale.ROOT, numberFormat, median);
    if (values.size() == 1) {
      return m;
    }
    return m + " (" + String.format(Locale.ROOT, numberFormat, min) + "–" + String.format(Locale.ROOT, numberFormat, max) + ")";
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("median", median);
    node.put("min", min);
    node.put("max", max);
    values.forEach(node.putArray("runs")::add);
    return node;
  }
}
