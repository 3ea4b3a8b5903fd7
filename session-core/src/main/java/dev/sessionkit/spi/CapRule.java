package dev.sessionkit.spi;

import dev.sessionkit.spi.PrincipalSessions.Admission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The one rule of the per-principal cap ({@link PrincipalSessions#admit}): which sessions end when
 * a principal has more live sessions than the limit. Every store applies it, so a cap ends the same
 * sessions on every backend:
 *
 * <ul>
 *   <li>at or under the limit (the newcomer counted), nothing ends;
 *   <li>when ending the oldest, the others are ordered by {@link #LEAST_RECENTLY_USED} (last access
 *       time, then key, so that equal times break the same way everywhere) and the first {@code
 *       live - limit} of them end; the newcomer never does;
 *   <li>when refusing, the newcomer alone ends.
 * </ul>
 *
 * <p>A store that runs the rule in its backend's own language (SQL, Lua) orders by the same two
 * columns, and the contract kit checks the tie-break. Stateless.
 */
public final class CapRule {

  /** Least recently used first; equal last access times by key value, ascending. */
  public static final Comparator<SessionRecord> LEAST_RECENTLY_USED =
      Comparator.comparing(SessionRecord::lastAccessTime)
          .thenComparing(record -> record.key().value());

  private CapRule() {}

  /**
   * Chooses the sessions a cap ends.
   *
   * @param live the principal's live sessions, the newcomer among them, in any order
   * @param newcomer the key of the session just written with the principal
   * @param limit the most live sessions the principal may have, at least 1
   * @param endOldest true to end the least recently used others; false to refuse the newcomer
   * @return the sessions to end, least recently used first; empty when under the limit
   * @throws IllegalArgumentException if {@code limit} is below 1
   * @throws NullPointerException if {@code live} or {@code newcomer} is null
   */
  public static List<SessionRecord> victims(
      List<SessionRecord> live, SessionKey newcomer, int limit, boolean endOldest) {
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(newcomer, "newcomer");
    checkLimit(limit);
    int over = live.size() - limit;
    if (over <= 0) {
      return List.of();
    }
    if (!endOldest) {
      return live.stream().filter(r -> r.key().equals(newcomer)).toList();
    }
    List<SessionRecord> others = new ArrayList<>(live.size());
    for (SessionRecord record : live) {
      if (!record.key().equals(newcomer)) {
        others.add(record);
      }
    }
    others.sort(LEAST_RECENTLY_USED);
    return List.copyOf(others.subList(0, Math.min(over, others.size())));
  }

  /**
   * Applies the cap to a principal's live sessions, ending each victim through {@code end}: for a
   * store that ends sessions one by one, while it holds the principal's admission lock.
   *
   * @param live the principal's live sessions, the newcomer among them, in any order
   * @param newcomer the key of the session just written with the principal
   * @param limit the most live sessions the principal may have, at least 1
   * @param endOldest true to end the least recently used others; false to refuse the newcomer
   * @param end ends one session if it still belongs to the principal; true if it did
   * @return the admission: the newcomer stays unless refused; {@code ended} holds the victims that
   *     {@code end} ended (a refused newcomer is reported even if it had already gone)
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  public static Admission admit(
      List<SessionRecord> live,
      SessionKey newcomer,
      int limit,
      boolean endOldest,
      Predicate<SessionKey> end) {
    Objects.requireNonNull(end, "end");
    List<SessionRecord> victims = victims(live, newcomer, limit, endOldest);
    if (live.size() <= limit) {
      return new Admission(true, List.of());
    }
    if (!endOldest) {
      end.test(newcomer);
      return new Admission(false, victims);
    }
    List<SessionRecord> ended = new ArrayList<>(victims.size());
    for (SessionRecord victim : victims) {
      if (end.test(victim.key())) {
        ended.add(victim);
      }
    }
    return new Admission(true, ended);
  }

  /**
   * Checks a cap's limit.
   *
   * @param limit the limit
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  public static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }
}
