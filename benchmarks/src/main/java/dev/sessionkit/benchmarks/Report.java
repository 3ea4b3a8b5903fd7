package dev.sessionkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns JMH JSON result files into a Markdown table of ratios: each SessionKit benchmark {@code
 * foo} beside its baseline {@code rawFoo} of the same class and parameters, and beside its peer
 * {@code peerFoo} (the same work on Spring Session) where the class has one.
 *
 * <p>A file named {@code <anything>.r<N>.json} holds round N of a run in which the two sides of a
 * pair alternate; the ratio of a pair is then the median of its per-round ratios, so that load that
 * drifts during the run cancels out. The ratio is SessionKit's speed over the baseline's:
 * throughput over throughput, or time over time inverted, so 1.0 means "as fast as the raw
 * operation" in every mode.
 */
public final class Report {

  /**
   * The goal for each pair's ratio, by {@code Class.method} or, for every pair of a class, by
   * class; a pair with neither has none.
   */
  private static final Map<String, Double> TARGETS =
      Map.of(
          "CookieBenchmark", 0.9,
          "CookieBenchmark.signAndVerify", 0.8,
          "ReadOnlyRequestBenchmark", 0.7,
          "MemoryStoreBenchmark", 0.5,
          "MemoryScaleBenchmark", 0.5,
          "RedisStoreBenchmark", 0.8,
          "RedisNearCacheBenchmark", 0.7,
          "RedisNearCacheRequestBenchmark", 0.7,
          "JdbcStoreBenchmark", 0.8,
          "JdbcStoreBenchmark.apply", 0.9);

  /** The goal for each pair's ratio to its peer, by {@code Class.method} or by class. */
  private static final Map<String, Double> PEER_TARGETS =
      Map.of("ReadOnlyRequestBenchmark", 0.8, "WriteRequestBenchmark", 0.6);

  private static final Pattern ROUND = Pattern.compile("\\.r(\\d+)\\.json$");

  private Report() {}

  /**
   * Prints the table; with {@code --merge <file>} first, also writes every result, tagged with its
   * round, into one JSON file.
   *
   * @param args optionally {@code --merge <file>}, then the files written by {@code -rf json -rff}
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    List<String> files = new ArrayList<>(Arrays.asList(args));
    Path merged = null;
    if (files.size() >= 2 && files.get(0).equals("--merge")) {
      merged = Path.of(files.get(1));
      files = files.subList(2, files.size());
    }
    List<Path> paths = files.stream().map(Path::of).toList();
    System.out.print(table(paths, merged));
  }

  /**
   * Builds the Markdown table of the given result files.
   *
   * @param files JMH JSON result files, round N named {@code *.r<N>.json}
   * @param merged where to write all results as one JSON array, or null
   * @return the table, one line per pair and parameter set
   */
  static String table(List<Path> files, Path merged) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    ArrayNode all = json.createArrayNode();
    Map<String, Row> rows = new TreeMap<>();
    for (Path file : files) {
      Matcher m = ROUND.matcher(file.getFileName().toString());
      int round = m.find() ? Integer.parseInt(m.group(1)) : 0;
      for (JsonNode result : json.readTree(Files.readString(file))) {
        add(rows, result, round);
        ((ObjectNode) result).put("round", round);
        all.add(result);
      }
    }
    if (merged != null) {
      Files.writeString(merged, json.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }
    StringBuilder table = new StringBuilder();
    table.append(
        "| benchmark | params | SessionKit | raw baseline | ratio | rounds | peer (Spring Session)"
            + " | ratio to peer | rounds | target | met |\n");
    table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|\n");
    for (Row row : rows.values()) {
      table.append(row.markdown()).append('\n');
    }
    return table.toString();
  }

  private static void add(Map<String, Row> rows, JsonNode result, int round) {
    String benchmark = result.get("benchmark").asString();
    int dot = benchmark.lastIndexOf('.');
    String type = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
    String method = benchmark.substring(dot + 1);
    boolean raw = method.startsWith("raw") && method.length() > 3;
    boolean peer = method.startsWith("peer") && method.length() > 4;
    String name =
        raw
            ? Character.toLowerCase(method.charAt(3)) + method.substring(4)
            : peer ? Character.toLowerCase(method.charAt(4)) + method.substring(5) : method;
    String params = params(result.get("params"));
    Row row =
        rows.computeIfAbsent(type + "." + name + " " + params, k -> new Row(type, name, params));
    JsonNode metric = result.get("primaryMetric");
    row.unit = metric.get("scoreUnit").asString();
    row.timePerOp = !"thrpt".equals(result.get("mode").asString());
    (raw ? row.baseline : peer ? row.peer : row.measured)
        .put(round, metric.get("score").asDouble());
  }

  private static String params(JsonNode params) {
    if (params == null || params.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    params.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asString()));
    return String.join(", ", parts);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** Per-round ratios of one pair, as the table shows them. */
  private record Ratios(List<Double> rounds) {
    String ratio() {
      return rounds.isEmpty() ? "" : String.format(Locale.ROOT, "%.2f×", median(rounds));
    }

    String spread() {
      if (rounds.isEmpty()) {
        return "";
      }
      DoubleSummaryStatistics stats =
          rounds.stream().mapToDouble(Double::doubleValue).summaryStatistics();
      return String.format(
          Locale.ROOT, "%d (%.2f–%.2f)", rounds.size(), stats.getMin(), stats.getMax());
    }

    String met(Double target) {
      return target == null || rounds.isEmpty() ? "" : median(rounds) >= target ? "yes" : "no";
    }
  }

  /** One pair: scores of each side by round. */
  private static final class Row {
    final String type;
    final String name;
    final String params;
    final Map<Integer, Double> measured = new TreeMap<>();
    final Map<Integer, Double> baseline = new TreeMap<>();
    final Map<Integer, Double> peer = new TreeMap<>();
    String unit = "";
    boolean timePerOp;

    Row(String type, String name, String params) {
      this.type = type;
      this.name = name;
      this.params = params;
    }

    String markdown() {
      Ratios toRaw = ratios(baseline);
      Ratios toPeer = ratios(peer);
      Double target = TARGETS.getOrDefault(type + "." + name, TARGETS.get(type));
      Double peerTarget = PEER_TARGETS.getOrDefault(type + "." + name, PEER_TARGETS.get(type));
      String targets = target == null ? "—" : String.format(Locale.ROOT, "≥ %.1f×", target);
      String met = toRaw.met(target);
      if (peerTarget != null && !peer.isEmpty()) {
        targets += String.format(Locale.ROOT, "; peer ≥ %.1f×", peerTarget);
        met += "; peer " + toPeer.met(peerTarget);
      }
      return String.join(
          " | ",
          "| " + type + "." + name,
          params,
          score(measured),
          score(baseline),
          toRaw.ratio(),
          toRaw.spread(),
          score(peer),
          toPeer.ratio(),
          toPeer.spread(),
          targets,
          met + " |");
    }

    /** SessionKit's per-round ratios to another side's scores. */
    private Ratios ratios(Map<Integer, Double> other) {
      List<Double> ratios = new ArrayList<>();
      for (int round : new TreeSet<>(measured.keySet())) {
        Double m = measured.get(round);
        Double b = other.get(round);
        if (b != null && m > 0 && b > 0) {
          ratios.add(timePerOp ? b / m : m / b);
        }
      }
      return new Ratios(ratios);
    }

    private String score(Map<Integer, Double> scores) {
      return scores.isEmpty()
          ? "—"
          : String.format(Locale.ROOT, "%,.1f %s", median(new ArrayList<>(scores.values())), unit);
    }
  }
}
