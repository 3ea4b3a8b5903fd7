package dev.sessionkit;

import java.util.Objects;
import java.util.function.Function;

/**
 * {@link SessionConfigBuilder#principalFromAttribute}: the attribute another program writes at its
 * login (express-session has no principal; a Node app keeps its user in the session), read as
 * {@code type} and turned into the principal by {@code mapping}. Every session loaded from the
 * store takes its principal from it, so a login or logout that the other program made is one here
 * too. Immutable and thread-safe if the mapping is.
 *
 * @param name the attribute's name
 * @param type what its value is read as
 * @param mapping the principal of a value; null or blank for nobody
 */
record PrincipalAttribute(String name, Class<?> type, Function<Object, String> mapping) {

  PrincipalAttribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mapping, "mapping");
  }

  /**
   * Gives a session just loaded the principal its attribute names, or none when the attribute is
   * absent or does not fit the type. A login the cap refuses stays a session without a principal.
   */
  void follow(ManagedSession session) {
    Object value = session.get(name, type).orElse(null);
    String principal = value == null ? null : mapping.apply(value);
    if (principal != null && principal.isBlank()) {
      principal = null;
    }
    if (Objects.equals(principal, session.principal().orElse(null))) {
      return;
    }
    try {
      session.setPrincipal(principal);
    } catch (SessionLimitExceededException e) {
      // The cap's REFUSE policy: this login is one too many, so the session is nobody's here.
      if (session.principal().isPresent()) {
        session.setPrincipal(null);
      }
    }
  }
}
