package dev.sessionkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JMH JSON result file into a Markdown table of ratios: each SessionKit benchmark {@code
 * foo} beside its baseline {@code rawFoo} of the same class and parameters.
 *
 * <p>The ratio is SessionKit's speed over the baseline's: throughput over throughput, or time over
 * time inverted, so 1.0 means "as fast as the raw operation" in every mode.
 */
public final class Report {

  /** The goal for each class's ratio; a class not listed has none. */
  private static final Map<String, Double> TARGETS =
      Map.of(
          "CookieBenchmark", 0.8,
          "MemoryStoreBenchmark", 0.5,
          "MemoryScaleBenchmark", 0.5,
          "RedisStoreBenchmark", 0.8,
          "JdbcStoreBenchmark", 0.8);

  private Report() {}

  /**
   * Prints the table for JMH JSON result files.
   *
   * @param args the paths of files written by {@code -rf json -rff <file>}
   * @throws IOException when the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: Report <jmh-result.json>...");
      System.exit(2);
    }
    JsonMapper json = JsonMapper.builder().build();
    Map<String, Row> rows = new TreeMap<>();
    for (String file : args) {
      for (JsonNode result : json.readTree(Files.readString(Path.of(file)))) {
        add(rows, result);
      }
    }
    System.out.println("| benchmark | params | SessionKit | raw baseline | ratio | target | met |");
    System.out.println("|---|---|---:|---:|---:|---:|:---:|");
    for (Row row : rows.values()) {
      System.out.println(row.markdown());
    }
  }

  private static void add(Map<String, Row> rows, JsonNode result) {
    String benchmark = result.get("benchmark").asString();
    int dot = benchmark.lastIndexOf('.');
    String type = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
    String method = benchmark.substring(dot + 1);
    boolean raw = method.startsWith("raw") && method.length() > 3;
    String name = raw ? Character.toLowerCase(method.charAt(3)) + method.substring(4) : method;
    String params = params(result.get("params"));
    Row row = rows.computeIfAbsent(type + "." + name + " " + params, k -> new Row());
    row.type = type;
    row.name = name;
    row.params = params;
    JsonNode metric = result.get("primaryMetric");
    Score score =
        new Score(
            metric.get("score").asDouble(),
            metric.get("scoreUnit").asString(),
            !"thrpt".equals(result.get("mode").asString()));
    if (raw) {
      row.baseline = score;
    } else {
      row.measured = score;
    }
  }

  private static String params(JsonNode params) {
    if (params == null || params.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    Map<String, String> sorted = new LinkedHashMap<>();
    params.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asString()));
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }

  private record Score(double value, String unit, boolean timePerOp) {
    String text() {
      return String.format(Locale.ROOT, "%,.1f %s", value, unit);
    }
  }

  private static final class Row {
    String type;
    String name;
    String params;
    Score measured;
    Score baseline;

    String markdown() {
      String ratio = "";
      String met = "";
      Double target = TARGETS.get(type);
      if (measured != null && baseline != null && measured.value() > 0 && baseline.value() > 0) {
        double r =
            measured.timePerOp()
                ? baseline.value() / measured.value()
                : measured.value() / baseline.value();
        ratio = String.format(Locale.ROOT, "%.2f×", r);
        if (target != null) {
          met = r >= target ? "yes" : "no";
        }
      }
      String goal = target == null ? "—" : String.format(Locale.ROOT, "≥ %.1f×", target);
      return "| "
          + type
          + "."
          + name
          + " | "
          + params
          + " | "
          + (measured == null ? "—" : measured.text())
          + " | "
          + (baseline == null ? "—" : baseline.text())
          + " | "
          + ratio
          + " | "
          + goal
          + " | "
          + met
          + " |";
    }
  }
}
