package dev.sessionkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir Path dir;

  @Test
  void pairsEachBenchmarkWithItsRawBaselineAndTakesTheMedianOfRoundRatios() throws IOException {
    // Round ratios 0.5, 0.8 and 0.9: the median is 0.8, whatever the medians of the scores are.
    List<Path> files =
        List.of(
            result("r1", "MemoryStoreBenchmark.loadAndApply", "thrpt", 50, ""),
            result("r1", "MemoryStoreBenchmark.rawLoadAndApply", "thrpt", 100, ""),
            result("r2", "MemoryStoreBenchmark.loadAndApply", "thrpt", 160, ""),
            result("r2", "MemoryStoreBenchmark.rawLoadAndApply", "thrpt", 200, ""),
            result("r3", "MemoryStoreBenchmark.loadAndApply", "thrpt", 270, ""),
            result("r3", "MemoryStoreBenchmark.rawLoadAndApply", "thrpt", 300, ""));

    String table = Report.table(files, null);

    assertThat(row(table, "MemoryStoreBenchmark.loadAndApply"))
        .contains("| 0.80× |")
        .contains("| 3 (0.50–0.90) |")
        .contains("| ≥ 0.5× | yes |");
  }

  @Test
  void putsTheRatioToThePeerBesideTheRatioToRaw() throws IOException {
    List<Path> files =
        List.of(
            result("r1", "WriteRequestBenchmark.request", "thrpt", 60, ""),
            result("r1", "WriteRequestBenchmark.rawRequest", "thrpt", 120, ""),
            result("r1", "WriteRequestBenchmark.peerRequest", "thrpt", 100, ""));

    assertThat(row(Report.table(files, null), "WriteRequestBenchmark.request"))
        .contains("| 0.50× |")
        .contains("| 0.60× |")
        .contains("peer ≥ 0.6×")
        .endsWith("peer yes |");
  }

  @Test
  void invertsTimePerOperationSoThatAboveOneStillMeansFaster() throws IOException {
    List<Path> files =
        List.of(
            result("r1", "JdbcSweepBenchmark.sweep", "ss", 400, "\"expiredRows\": \"10000\""),
            result("r1", "JdbcSweepBenchmark.rawSweep", "ss", 100, "\"expiredRows\": \"10000\""));

    assertThat(row(Report.table(files, null), "JdbcSweepBenchmark.sweep"))
        .contains("| expiredRows=10000 |")
        .contains("| 0.25× |")
        .contains("| — |");
  }

  @Test
  void keepsParameterSetsApartAndMarksAMissedTarget() throws IOException {
    List<Path> files =
        List.of(
            result(
                "r1", "MemoryScaleBenchmark.loadAndApply", "thrpt", 10, "\"sessions\": \"1000\""),
            result(
                "r1",
                "MemoryScaleBenchmark.rawLoadAndApply",
                "thrpt",
                100,
                "\"sessions\": \"1000\""),
            result(
                "r1", "MemoryScaleBenchmark.loadAndApply", "thrpt", 90, "\"sessions\": \"100000\""),
            result(
                "r1",
                "MemoryScaleBenchmark.rawLoadAndApply",
                "thrpt",
                100,
                "\"sessions\": \"100000\""));

    String table = Report.table(files, null);

    assertThat(row(table, "sessions=1000 ")).contains("| 0.10× |").endsWith("| no |");
    assertThat(row(table, "sessions=100000 ")).contains("| 0.90× |").endsWith("| yes |");
  }

  @Test
  void writesEveryResultTaggedWithItsRoundIntoTheMergedFile() throws IOException {
    Path merged = dir.resolve("all.json");
    Report.table(
        List.of(
            result("r1", "CookieBenchmark.verify", "thrpt", 1, ""),
            result("r2", "CookieBenchmark.rawVerify", "thrpt", 1, "")),
        merged);

    assertThat(Files.readString(merged))
        .contains("\"round\" : 1")
        .contains("\"round\" : 2")
        .contains("CookieBenchmark.rawVerify");
  }

  private static String row(String table, String needle) {
    return table
        .lines()
        .filter(line -> line.contains(needle))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + needle + " in\n" + table));
  }

  private Path result(String round, String benchmark, String mode, double score, String params)
      throws IOException {
    String json =
        String.format(
            Locale.ROOT,
            "[{\"benchmark\": \"dev.sessionkit.benchmarks.%s\", \"mode\": \"%s\", \"params\": {%s},"
                + " \"primaryMetric\": {\"score\": %f, \"scoreUnit\": \"%s\"}}]",
            benchmark,
            mode,
            params,
            score,
            mode.equals("thrpt") ? "ops/s" : "ms/op");
    Path file = Files.createTempFile(dir, benchmark.replace('.', '-') + "-", "." + round + ".json");
    return Files.writeString(file, json);
  }
}
