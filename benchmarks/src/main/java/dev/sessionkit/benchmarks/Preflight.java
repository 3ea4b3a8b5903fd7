package dev.sessionkit.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Checks, before a run, that the servers the store benchmarks need can be had. For each that
 * cannot, it prints on stderr what is skipped and how to enable it, and on stdout a JMH exclude
 * regex that {@code run.sh} passes on.
 */
public final class Preflight {

  private Preflight() {}

  /**
   * Prints the exclude regexes, one a line.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    if (!redisReachable()) {
      System.out.println("Redis.*Benchmark");
    }
    if (!postgresReachable()) {
      System.out.println("Jdbc.*Benchmark");
    }
  }

  private static boolean redisReachable() {
    try (Servers.Handle server = Servers.redis()) {
      RedisClient client = RedisClient.create(server.address());
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        connection.sync().ping();
        return true;
      } finally {
        client.shutdown();
      }
    } catch (Servers.Unavailable e) {
      return false;
    } catch (RuntimeException e) {
      System.err.println(
          "SKIPPED Redis benchmarks: cannot reach "
              + Servers.REDIS_ENV
              + " ("
              + e
              + "); start that server, or unset "
              + Servers.REDIS_ENV
              + " to use an embedded one");
      return false;
    }
  }

  private static boolean postgresReachable() {
    try (Servers.Handle server = Servers.postgres();
        Connection connection = DriverManager.getConnection(server.address())) {
      return connection.isValid(5);
    } catch (Servers.Unavailable e) {
      return false;
    } catch (SQLException | RuntimeException e) {
      System.err.println(
          "SKIPPED PostgreSQL benchmarks: cannot reach "
              + Servers.POSTGRES_ENV
              + " ("
              + e
              + "); start that server, or unset "
              + Servers.POSTGRES_ENV
              + " to use an embedded one");
      return false;
    }
  }
}
