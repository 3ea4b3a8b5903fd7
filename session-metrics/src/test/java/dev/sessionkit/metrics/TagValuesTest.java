package dev.sessionkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.CookieRejection;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionStoreTimeoutException;
import dev.sessionkit.StoreOperation;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tag values are the ones {@code docs/metrics.md} lists, and nothing else. A new constant in
 * one of core's enums fails here, so that the docs and dashboards are updated with it.
 */
class TagValuesTest {

  static final Set<String> INVALIDATION_REASONS =
      Set.of("logout", "logout_everywhere", "cap_exceeded", "expired", "none");
  static final Set<String> REJECTION_REASONS =
      Set.of("malformed", "bad_signature", "unknown_or_expired", "client_mismatch");
  static final Set<String> OPERATIONS =
      Set.of(
          "load",
          "create",
          "apply",
          "touch",
          "delete",
          "renew",
          "find_by_principal",
          "delete_by_principal",
          "admit",
          "count",
          "page",
          "clear");
  static final Set<String> OUTCOMES = Set.of("success", "failure");
  static final Set<String> EXCEPTIONS =
      Set.of("SessionStoreException", "SessionStoreTimeoutException");

  /** Every tag value the tests' flows may produce. */
  static final Set<String> ALLOWED_VALUES =
      Stream.of(INVALIDATION_REASONS, REJECTION_REASONS, OPERATIONS, OUTCOMES, EXCEPTIONS)
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());

  private static Set<String> values(Enum<?>[] constants) {
    return Arrays.stream(constants).map(TagValues::of).collect(Collectors.toSet());
  }

  @Test
  void invalidationReasonsAreTheDocumentedFour() {
    // RENEWED is the reason of a regeneration by renewal, never of an invalidation.
    Set<String> reasons = values(SessionEvent.Reason.values());
    reasons.remove(TagValues.of(SessionEvent.Reason.RENEWED));
    assertThat(reasons).isEqualTo(INVALIDATION_REASONS);
    assertThat(TagValues.of(SessionEvent.Reason.LOGOUT_EVERYWHERE)).isEqualTo("logout_everywhere");
  }

  @Test
  void rejectionReasonsAreTheDocumentedFour() {
    assertThat(values(CookieRejection.values())).isEqualTo(REJECTION_REASONS);
  }

  @Test
  void operationsAreTheDocumentedOnes() {
    assertThat(values(StoreOperation.values())).isEqualTo(OPERATIONS);
  }

  @Test
  void outcomesAreSuccessAndFailure() {
    assertThat(Set.of(TagValues.SUCCESS, TagValues.FAILURE)).isEqualTo(OUTCOMES);
  }

  @Test
  void anExceptionIsNamedByItsSimpleClassName() {
    assertThat(TagValues.exception(SessionStoreTimeoutException.class))
        .isEqualTo("SessionStoreTimeoutException");
    assertThat(TagValues.exception(IllegalStateException.class)).isEqualTo("IllegalStateException");
  }

  @Test
  void anAnonymousExceptionIsNamedByItsNearestNamedSuperclass() {
    RuntimeException anonymous =
        new SessionStoreException("down") {
          private static final long serialVersionUID = 1L;
        };

    assertThat(anonymous.getClass().getSimpleName()).isEmpty();
    assertThat(TagValues.exception(anonymous.getClass())).isEqualTo("SessionStoreException");
  }
}
