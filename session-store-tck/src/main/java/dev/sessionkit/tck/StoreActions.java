package dev.sessionkit.tck;

import dev.sessionkit.tck.StoreUnderTest.PrincipalChange;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * The actions of the stateful properties and the values they draw. Times are whole milliseconds and
 * timeouts whole minutes, so that any backend with millisecond precision can keep them.
 */
final class StoreActions {

  private static final String[] NAMES = {"a", "b", "cart", "ünï", "名前", "🔑"};
  private static final String[] PRINCIPALS = {"alice", "bob"};

  private StoreActions() {}

  static ActionChainArbitrary<StoreUnderTest> chain(
      Supplier<StoreUnderTest> start, int maxActions) {
    return ActionChain.<StoreUnderTest>startWith(start)
        .withAction(3, create())
        .withAction(4, apply())
        .withAction(2, touch())
        .withAction(2, keyed("delete", StoreUnderTest::delete))
        .withAction(1, keyed("regenerate", StoreUnderTest::regenerate))
        .withAction(2, renew())
        .withAction(2, advance())
        .withAction(1, advanceToExpiry())
        .withAction(3, keyed("load", StoreUnderTest::load))
        .withAction(1, byPrincipal("findByPrincipal", StoreUnderTest::findByPrincipal))
        .withAction(1, byPrincipal("deleteByPrincipal", StoreUnderTest::deleteByPrincipal))
        .withMaxTransformations(maxActions);
  }

  /** JSON values: numbers, literals, escaped unicode strings, nested structures. */
  static Arbitrary<String> jsonValues() {
    Arbitrary<String> text =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withCharRange('\u00a0', '\u00ff')
            .withCharRange('\u0400', '\u044f')
            .withChars('名', '前', '\n', '\t', '"', '\\')
            .ofMaxLength(12);
    return Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        text.map(Records::json),
        text.map(t -> Records.json(t + "🔑")),
        Arbitraries.of("true", "false", "null", "\"\"", "[]", "{\"n\":[1,2.5,{\"x\":null}]}"));
  }

  /** Picks one of the keys created so far; shrinks toward the first. */
  private static Arbitrary<Integer> indexes(StoreUnderTest state) {
    return Arbitraries.integers().between(0, state.keyCount() - 1);
  }

  private static Arbitrary<Map<String, String>> attributes() {
    return Arbitraries.maps(Arbitraries.of(NAMES), jsonValues()).ofMaxSize(3);
  }

  private static Arbitrary<Duration> idleTimeouts() {
    return Arbitraries.of(1, 5, 30).map(Duration::ofMinutes);
  }

  private static Action.Independent<StoreUnderTest> create() {
    Arbitrary<Duration> absoluteAfter =
        Arbitraries.of(2, 10, 60).map(Duration::ofMinutes).injectNull(0.5);
    return () ->
        Combinators.combine(
                attributes(),
                Arbitraries.of(PRINCIPALS).injectNull(0.4),
                idleTimeouts(),
                absoluteAfter)
            .as(
                (attributes, principal, idle, absolute) ->
                    Transformer.mutate(
                        String.format(
                            "create %s principal=%s idle=%s absoluteAfter=%s",
                            attributes, principal, idle, absolute),
                        s -> s.create(attributes, principal, idle, absolute)));
  }

  private static Action.Dependent<StoreUnderTest> apply() {
    return new Action.Dependent<>() {
      @Override
      public boolean precondition(StoreUnderTest state) {
        return state.hasKeys();
      }

      @Override
      public Arbitrary<Transformer<StoreUnderTest>> transformer(StoreUnderTest state) {
        return Combinators.combine(
                indexes(state),
                attributes(),
                Arbitraries.of(NAMES).set().ofMaxSize(2),
                Arbitraries.of(PrincipalChange.class),
                idleTimeouts().injectNull(0.7))
            .as(
                (index, set, removedDrawn, principal, idle) -> {
                  Set<String> removed = new HashSet<>(removedDrawn);
                  removed.removeAll(set.keySet());
                  return Transformer.mutate(
                      String.format(
                          "apply to session#%d set=%s removed=%s principal=%s idle=%s",
                          index, set, removed, principal, idle),
                      s -> s.apply(index, set, removed, principal, idle));
                });
      }
    };
  }

  private static Action.Dependent<StoreUnderTest> touch() {
    return keyed("touch", StoreUnderTest::touch);
  }

  private static Action.Dependent<StoreUnderTest> keyed(String what, KeyedStep step) {
    return new Action.Dependent<>() {
      @Override
      public boolean precondition(StoreUnderTest state) {
        return state.hasKeys();
      }

      @Override
      public Arbitrary<Transformer<StoreUnderTest>> transformer(StoreUnderTest state) {
        return indexes(state)
            .map(i -> Transformer.mutate(what + " session#" + i, s -> step.run(s, i)));
      }
    };
  }

  private static Action.Dependent<StoreUnderTest> renew() {
    return new Action.Dependent<>() {
      @Override
      public boolean precondition(StoreUnderTest state) {
        return state.hasKeys() && state.canRenew();
      }

      @Override
      public Arbitrary<Transformer<StoreUnderTest>> transformer(StoreUnderTest state) {
        return Combinators.combine(
                indexes(state),
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMinutes(40)))
            .as(
                (i, grace) ->
                    Transformer.mutate(
                        "renew session#" + i + " with grace " + grace, s -> s.renew(i, grace)));
      }
    };
  }

  private static Action.Independent<StoreUnderTest> byPrincipal(
      String what, BiConsumer<StoreUnderTest, String> step) {
    return () ->
        Arbitraries.of(PRINCIPALS)
            .map(p -> Transformer.mutate(what + " " + p, s -> step.accept(s, p)));
  }

  private static Action.Independent<StoreUnderTest> advance() {
    return () ->
        Arbitraries.of(
                Duration.ofMillis(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(30))
            .map(d -> Transformer.mutate("advance clock " + d, s -> s.advance(d)));
  }

  private static Action.Dependent<StoreUnderTest> advanceToExpiry() {
    return new Action.Dependent<>() {
      @Override
      public boolean precondition(StoreUnderTest state) {
        return state.hasKeys();
      }

      @Override
      public Arbitrary<Transformer<StoreUnderTest>> transformer(StoreUnderTest state) {
        return Combinators.combine(
                indexes(state), Arbitraries.of(Duration.ZERO, Duration.ofMillis(1)))
            .as(
                (i, shortBy) ->
                    Transformer.mutate(
                        "advance clock to expiry of session#" + i + " minus " + shortBy,
                        s -> s.advanceToExpiry(i, shortBy)));
      }
    };
  }

  @FunctionalInterface
  private interface KeyedStep {
    void run(StoreUnderTest state, int index);
  }
}
