package io.ampbraze.benchmarks.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything a benchmark run found: the machine, each scenario's runs and their median/min/max,
 * and the targets with their verdicts; written as JSON (raw results, committed) and as Markdown
 * tables (for BENCHMARKS.md) after every scenario, so an interrupted run keeps what it measured.
 */
public final class Results {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One scenario: its settings and the figures of each run. */
  public static final class Scenario {
    final String id;
    final String title;
    final ObjectNode settings;
    final List<Map<String, Double>> runs = new ArrayList<>();
    final List<ObjectNode> details = new ArrayList<>();

    Scenario(String id, String title, ObjectNode settings) {
      this.id = id;
      this.title = title;
      this.settings = settings;
    }

    public void addRun(Map<String, Double> figures) {
      runs.add(figures);
    }

    /** Extra per-run detail (e.g. heap samples over time). */
    public void addDetail(ObjectNode detail) {
      details.add(detail);
    }

    public Stats stats(String figure) {
      List<Double> values = new ArrayList<>();
      for (Map<String, Double> run : runs) {
        Double v = run.get(figure);
        if (v != null && !v.isNaN()) {
          values.add(v);
        }
      }
      return Stats.of(values);
    }

    public String id() {
      return id;
    }

    public String title() {
      return title;
    }

    public int runCount() {
      return runs.size();
    }

    ObjectNode toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("id", id);
      node.put("title", title);
      node.set("settings", settings);
      Set<String> figures = new LinkedHashSet<>();
      runs.forEach(r -> figures.addAll(r.keySet()));
      ObjectNode stats = node.putObject("figures");
      for (String f : figures) {
        stats.set(f, stats(f).toJson());
      }
      if (!details.isEmpty()) {
        ArrayNode d = node.putArray("runDetails");
        details.forEach(d::add);
      }
      return node;
    }
  }

  /** A target of the issue with its verdict. */
  public record Target(String area, String target, boolean met, String evidence) {}

  private final ObjectNode machine;
  private final ObjectNode options;
  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
  private final List<Target> targets = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> markdown = new ArrayList<>();
  private final Path jsonFile;
  private final Path markdownFile;

  public Results(ObjectNode machine, ObjectNode options, Path jsonFile, Path markdownFile) {
    this.machine = machine;
    this.options = options;
    this.jsonFile = jsonFile;
    this.markdownFile = markdownFile;
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public Scenario scenario(String id, String title, ObjectNode settings) {
    Scenario s = new Scenario(id, title, settings);
    scenarios.put(id, s);
    return s;
  }

  public Scenario get(String id) {
    return scenarios.get(id);
  }

  public void target(String area, String target, boolean met, String evidence) {
    targets.add(new Target(area, target, met, evidence));
    System.out.println("  target " + (met ? "MET   " : "MISSED") + " " + target + ": " + evidence);
  }

  public void note(String note) {
    notes.add(note);
  }

  /** A Markdown section (title and table) for the summary file. */
  public void markdown(String section) {
    markdown.add(section);
    System.out.println();
    System.out.println(section);
  }

  public void write() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("machine", machine);
    root.put("loadAverageAtEnd", Machine.loadAverage());
    root.set("options", options);
    ObjectNode s = root.putObject("scenarios");
    scenarios.forEach((id, sc) -> s.set(id, sc.toJson()));
    ArrayNode t = root.putArray("targets");
    for (Target target : targets) {
      ObjectNode n = t.addObject();
      n.put("area", target.area());
      n.put("target", target.target());
      n.put("met", target.met());
      n.put("evidence", target.evidence());
    }
    ArrayNode n = root.putArray("notes");
    notes.forEach(n::add);
    Files.createDirectories(jsonFile.toAbsolutePath().getParent());
    JSON.writeValue(jsonFile.toFile(), root);
    StringBuilder md = new StringBuilder();
    md.append("<!-- Written by the benchmark harness (./benchmarks.sh); do not edit by hand. -->\n\n");
    md.append("Machine: ").append(Machine.summary(machine)).append("; load average at the end ")
        .append(Machine.loadAverage()).append(".\n\n");
    for (String section : markdown) {
      md.append(section).append("\n\n");
    }
    if (!targets.isEmpty()) {
      md.append("### Targets\n\n| area | target | verdict | evidence |\n|---|---|---|---|\n");
      for (Target target : targets) {
        md.append("| ").append(target.area()).append(" | ").append(target.target()).append(" | ")
            .append(target.met() ? "**met**" : "**missed**").append(" | ").append(target.evidence()).append(" |\n");
      }
      md.append('\n');
    }
    if (!notes.isEmpty()) {
      md.append("### Notes\n\n");
      notes.forEach(x -> md.append("- ").append(x).append('\n'));
    }
    Files.writeString(markdownFile, md.toString());
  }
}
