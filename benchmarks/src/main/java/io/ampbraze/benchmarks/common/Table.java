package io.ampbraze.benchmarks.common;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table built row by row. */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  public String render(String title) {
    StringBuilder b = new StringBuilder();
    if (title != null) {
      b.append("### ").append(title).append("\n\n");
    }
    b.append("| ").append(String.join(" | ", header)).append(" |\n|");
    header.forEach(h -> b.append("---|"));
    b.append('\n');
    for (List<String> r : rows) {
      b.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return b.toString().stripTrailing();
  }
}
