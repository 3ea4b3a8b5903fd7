package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.PrincipalSessions.Admission;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import dev.sessionkit.testsupport.TcpForwarder;
import dev.sessionkit.testsupport.TestServers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fifty logins of one principal at the same moment, through a link with 20 ms each way, on one
 * shared connection as an application server has: every admission answers within the store's
 * timeout (none waits for another's round trips) and exactly the cap's number of sessions stay.
 */
class RedisSlowLinkAdmissionIT {

  private static final Duration ONE_WAY = Duration.ofMillis(20);
  private static final int LOGINS = 50;

  private static TcpForwarder link;
  private final TestClock clock = TestClock.start();

  @BeforeAll
  static void slowLink() {
    URI redis = URI.create(TestServers.redisUri("RedisSlowLinkAdmissionIT"));
    link = new TcpForwarder(redis.getHost(), redis.getPort()).latency(ONE_WAY);
  }

  @AfterAll
  static void close() {
    link.close();
  }

  @Test
  void fiftyLoginsEndingTheOldestAllAnswerAndLeaveOne() throws Exception {
    assertExactly(1, true);
  }

  @Test
  void fiftyLoginsEndingTheOldestAllAnswerAndLeaveThree() throws Exception {
    assertExactly(3, true);
  }

  @Test
  void fiftyRefusedLoginsAllAnswerAndLeaveOne() throws Exception {
    assertExactly(1, false);
  }

  private void assertExactly(int limit, boolean endOldest) throws Exception {
    String principal = "frodo-" + Keys.random().shortForm();
    try (RedisSessionStore store =
        RedisSessionStore.builder()
            .uri("redis://127.0.0.1:" + link.port())
            .keyPrefix(SharedRedis.freshPrefix())
            .create(new StoreContext(clock, SessionListener.NONE))) {
      store.findByPrincipal(principal); // connected before the logins start
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(LOGINS);
      List<Future<Admission>> answers = new ArrayList<>();
      try {
        for (int i = 0; i < LOGINS; i++) {
          SessionRecord record = record(principal);
          answers.add(
              threads.submit(
                  () -> {
                    start.await();
                    store.create(record);
                    return store.admit(principal, record.key(), limit, endOldest);
                  }));
        }
        start.countDown();
        Set<SessionKey> ended = new HashSet<>();
        int admitted = 0;
        for (Future<Admission> answer : answers) {
          // Future.get rethrows a store timeout: every login must have its answer in time.
          Admission admission = answer.get();
          admitted += admission.admitted() ? 1 : 0;
          admission.ended().forEach(r -> ended.add(r.key()));
        }
        List<SessionRecord> live = store.findByPrincipal(principal);
        assertThat(live).as("live sessions after %d logins", LOGINS).hasSize(limit);
        assertThat(admitted).isGreaterThanOrEqualTo(limit);
        for (SessionKey key : ended) {
          assertThat(store.load(key)).as("a session the cap ended").isEmpty();
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }

  private SessionRecord record(String principal) {
    return new SessionRecord(
        Keys.random(),
        clock.instant(),
        clock.instant(),
        Duration.ofMinutes(30),
        null,
        principal,
        Map.of("cart", "[1,2]"));
  }
}
