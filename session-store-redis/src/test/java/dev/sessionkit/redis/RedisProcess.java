package dev.sessionkit.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server process a test starts, stops, pauses and starts again on the same port, in a
 * temporary directory of its own. Every process still running when the JVM exits is killed.
 */
final class RedisProcess implements AutoCloseable {

  private static final Set<RedisProcess> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    // the safety net: whatever a test forgot or could not stop dies with the JVM
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisProcess::kill)));
  }

  private final Path binary;
  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private final int sentinelOf;
  private Process process;

  private RedisProcess(Path binary, Path dir, int port, List<String> extraArgs, int sentinelOf) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.extraArgs = extraArgs;
    this.sentinelOf = sentinelOf;
  }

  /**
   * The machine's redis-server (or the one named by {@code -Dsessionkit.redis.binary}), else the
   * one embedded-redis ships for this platform, else empty.
   */
  static Optional<Path> binary() {
    // -Dsessionkit.redis.binary=embedded tries the fallback on a machine that has redis-server
    String chosen = System.getProperty("sessionkit.redis.binary", "");
    Path system = Path.of(chosen.isEmpty() ? "/usr/bin/redis-server" : chosen);
    if (!chosen.equals("embedded") && Files.isExecutable(system)) {
      return Optional.of(system);
    }
    try {
      File shipped = ExecutableProvider.newJarResourceProvider().get();
      return shipped.setExecutable(true) || shipped.canExecute()
          ? Optional.of(shipped.toPath())
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Skips the calling test unless some redis-server binary exists, and returns it. */
  static Path requireBinary() {
    Optional<Path> binary = binary();
    Skips.unless(
        binary.isPresent(),
        "Redis process tests skipped: no redis-server binary (neither /usr/bin/redis-server nor"
            + " one shipped by embedded-redis for this platform); install redis-server to enable"
            + " them");
    return binary.orElseThrow();
  }

  /** Starts a server on a free loopback port. */
  static RedisProcess start(Path binary, String... extraArgs) throws IOException {
    return start(binary, freePort(), extraArgs);
  }

  /** Starts a server on the given port. */
  static RedisProcess start(Path binary, int port, String... extraArgs) throws IOException {
    return started(
        new RedisProcess(
            binary, Files.createTempDirectory("sessionkit-redis-"), port, List.of(extraArgs), 0));
  }

  /**
   * Starts a Sentinel that watches the master on {@code masterPort} under the name {@code
   * mymaster}, alone (quorum 1) and quick to act: a master silent for half a second is down.
   */
  static RedisProcess startSentinel(Path binary, int masterPort) throws IOException {
    return started(
        new RedisProcess(
            binary,
            Files.createTempDirectory("sessionkit-sentinel-"),
            freePort(),
            List.of(),
            masterPort));
  }

  private static RedisProcess started(RedisProcess redis) throws IOException {
    RUNNING.add(redis);
    redis.start();
    return redis;
  }

  /** Sentinel rewrites its configuration file, so it gets one of its own, written once. */
  private Path sentinelConfig() throws IOException {
    Path config = dir.resolve("sentinel.conf");
    if (!Files.exists(config)) {
      Files.writeString(
          config,
          String.join(
              "\n",
              "sentinel monitor mymaster 127.0.0.1 " + sentinelOf + " 1",
              "sentinel down-after-milliseconds mymaster 500",
              "sentinel failover-timeout mymaster 5000",
              ""));
    }
    return config;
  }

  int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  Path dir() {
    return dir;
  }

  /** Starts (again) on the same port and waits until it answers PING. */
  synchronized void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    if (sentinelOf != 0) {
      command.addAll(List.of(sentinelConfig().toString(), "--sentinel"));
    }
    command.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--protected-mode", "no",
            "--dir", dir.toString()));
    command.addAll(extraArgs);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String log = Files.readString(dir.resolve("redis.log"));
        stop();
        throw new IOException("redis-server did not start on port " + port + ":\n" + log);
      }
      pauseBriefly();
    }
  }

  /** Kills the server; its data is gone. */
  synchronized void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
  synchronized void pause() throws IOException {
    signal("-STOP");
  }

  /** Thaws a paused server (SIGCONT). */
  synchronized void resume() throws IOException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException {
    try {
      int exit =
          new ProcessBuilder("kill", signal, Long.toString(process.pid()))
              .inheritIO()
              .start()
              .waitFor();
      if (exit != 0) {
        throw new IOException("kill " + signal + " failed with " + exit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public synchronized void close() {
    kill();
    RUNNING.remove(this);
  }

  /** Stops the server (a paused one too) and deletes its directory. */
  private synchronized void kill() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int n = in.read(reply);
      return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** A free port whose Cluster bus port (the port plus 10000) is free too. */
  static int freeClusterPort() throws IOException {
    // below the usual ephemeral range, so that neither port is likely to be taken meanwhile
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      if (isFree(port) && isFree(port + 10_000)) {
        return port;
      }
    }
    throw new IOException("no free port pair for a Cluster node in 20000-39999");
  }

  private static boolean isFree(int port) {
    try {
      new ServerSocket(port).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Polling interval of waits with a deadline; never a substitute for a clock. */
  static void pauseBriefly() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
