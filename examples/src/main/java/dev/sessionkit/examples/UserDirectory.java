package dev.sessionkit.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The demo's users: an in-memory H2 database behind HikariCP, passwords kept as PBKDF2-HMAC-SHA256
 * hashes with a random salt. Thread-safe.
 */
final class UserDirectory implements AutoCloseable {

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final HikariDataSource pool;
  private final SecureRandom random = new SecureRandom();
  private final int iterations;
  private volatile String unknownUserHash;

  UserDirectory(int iterations) {
    this.iterations = iterations;
    HikariConfig hikari = new HikariConfig();
    // A database of its own per app instance, so that tests can run several apps in one JVM.
    hikari.setJdbcUrl("jdbc:h2:mem:users-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    hikari.setMaximumPoolSize(4);
    hikari.setPoolName("example-users");
    this.pool = new HikariDataSource(hikari);
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE users (name VARCHAR(64) PRIMARY KEY, password_hash VARCHAR(200) NOT NULL)");
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException("cannot create the users table", e);
    }
  }

  void add(String name, char[] password) {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement("INSERT INTO users (name, password_hash) VALUES (?, ?)")) {
      String hash = hash(password);
      s.setString(1, name);
      s.setString(2, hash);
      s.executeUpdate();
      if (unknownUserHash == null) {
        // Checked against when a user does not exist, so that both answers take as long.
        unknownUserHash = hash;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add user " + name, e);
    }
  }

  /** Returns the user's name when the password is theirs. */
  Optional<String> authenticate(String name, char[] password) {
    String stored;
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT password_hash FROM users WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        stored = rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read users", e);
    }
    String against = stored != null ? stored : unknownUserHash;
    boolean matches = against != null && verify(password, against);
    return matches && stored != null ? Optional.of(name) : Optional.empty();
  }

  List<String> names() {
    List<String> names = new ArrayList<>();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM users ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read users", e);
    }
    return names;
  }

  /** Encodes as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, so old hashes stay readable. */
  private String hash(char[] password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return "pbkdf2-sha256$"
        + iterations
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(derive(password, salt, iterations));
  }

  private static boolean verify(char[] password, String encoded) {
    String[] parts = encoded.split("\\$");
    byte[] salt = B64D.decode(parts[2]);
    byte[] expected = B64D.decode(parts[3]);
    byte[] actual = derive(password, salt, Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is required of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
