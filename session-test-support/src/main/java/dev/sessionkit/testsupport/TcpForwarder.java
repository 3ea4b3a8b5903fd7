package dev.sessionkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
        daemon("forwarder-up", () -> pump(client, upstream)).start();
        daemon("forwarder-down", () -> pump(upstream, client)).start();
      } catch (IOException e) {
        // Closed while accepting, or the database refused: the client sees a dead connection.
      }
    }
  }

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
