package dev.sessionkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP forwarder to a store (Redis, a database) that a test can partition and heal. While
 * partitioned, connections stay open but nothing gets through either way, as when a network drops
 * packets: callers see silence, not a refusal, and only their own timeouts end the wait.
 */
public final class TcpForwarder implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean partitioned;
  private volatile long latencyNanos;

  /**
   * Starts forwarding connections made to a fresh loopback port to the given server.
   *
   * @param host the server's host
   * @param port the server's port
   * @throws java.io.UncheckedIOException if no loopback port can be opened
   */
  public TcpForwarder(String host, int port) {
    this.target = new InetSocketAddress(host, port);
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon("forwarder-accept", this::acceptLoop).start();
  }

  /**
   * Returns the loopback port that clients connect to in place of the server's.
   *
   * @return the forwarder's local port
   */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * Delays every chunk, each way, by the given time from now on (connections opened before keep
   * theirs): a link to a server in another zone or region.
   *
   * @param oneWay the delay each way; zero for none
   * @return this forwarder
   * @throws IllegalArgumentException if {@code oneWay} is negative
   */
  public TcpForwarder latency(Duration oneWay) {
    Objects.requireNonNull(oneWay, "oneWay");
    if (oneWay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + oneWay);
    }
    latencyNanos = oneWay.toNanos();
    return this;
  }

  /** Stops all traffic; open connections hang. */
  public void partition() {
    partitioned = true;
  }

  /** Lets traffic through again; connections that lived through the partition are closed. */
  public void heal() {
    closeAll();
    partitioned = false;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        if (partitioned) {
          // Accepted during a partition: the client's connection stays open and silent.
          daemon("forwarder-hold", () -> pump(client, null)).start();
          continue;
        }
        Socket upstream = new Socket();
        sockets.add(upstream);
        upstream.connect(target, 5_000);
        long delay = latencyNanos;
        daemon("forwarder-up", () -> pump(client, upstream, delay)).start();
        daemon("forwarder-down", () -> pump(upstream, client, delay)).start();
      } catch (IOException e) {
        // Closed while accepting, or the database refused: the client sees a dead connection.
      }
    }
  }

  private void pump(Socket from, Socket to, long delayNanos) {
    if (delayNanos == 0) {
      pump(from, to);
      return;
    }
    // The reader stamps each chunk with when it is due; the writer hands it on then.
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    daemon(
            "forwarder-delay",
            () -> {
              try {
                OutputStream out = to.getOutputStream();
                while (true) {
                  Chunk chunk = queue.take();
                  if (chunk.bytes == null) {
                    // The reader's side went away: so does this one, once all before it is out.
                    close(from);
                    close(to);
                    return;
                  }
                  long wait;
                  while ((wait = chunk.due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  if (!partitioned) {
                    out.write(chunk.bytes);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                close(from);
                close(to);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .start();
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
      }
    } catch (IOException e) {
      // One side went away.
    } finally {
      queue.add(new Chunk(0, null));
    }
  }

  /** Bytes read from one side, and when the other side is to get them. */
  private record Chunk(long due, byte[] bytes) {}

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to == null ? null : to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (out != null && !partitioned) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // One side went away.
    } finally {
      close(from);
      if (to != null) {
        close(to);
      }
    }
  }

  private void closeAll() {
    for (Socket socket : sockets) {
      close(socket);
    }
    sockets.clear();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Stops accepting and closes every connection, forwarded or held. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    closeAll();
  }
}
