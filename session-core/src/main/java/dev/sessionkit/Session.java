package dev.sessionkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One client's session, as the application sees it during a request. Changes are recorded and
 * written to the store when the request's {@link SessionContext} commits.
 *
 * <p>Values are kept as JSON: {@link #set} encodes at once, so changing an object after setting it
 * changes nothing stored. Set it again to store the change. Safe for use by the threads of one
 * request; not shared across requests.
 */
public interface Session {

  /**
   * Returns the session id. It is a bearer credential: never log it.
   *
   * @return the raw id
   * @throws IllegalStateException if the session was invalidated
   */
  String id();

  /**
   * Returns when the session was created.
   *
   * @return the creation time
   * @throws IllegalStateException if the session was invalidated
   */
  Instant creationTime();

  /**
   * Returns when the session was last used, as last persisted (the touch interval may hold back
   * writes of an unchanged session).
   *
   * @return the last access time
   * @throws IllegalStateException if the session was invalidated
   */
  Instant lastAccessTime();

  /**
   * Returns whether the client does not know this session yet (it was made in this request).
   *
   * @return true for a new session
   * @throws IllegalStateException if the session was invalidated
   */
  boolean isNew();

  /**
   * Reads an attribute as the named type.
   *
   * @param name the attribute name
   * @param type the class to bind the JSON to
   * @param <T> the type
   * @return the value, or empty when absent (or JSON null), or when the stored JSON does not fit
   *     {@code type} (another program or an older version wrote something else under the name: one
   *     warning per attribute and type names both, never the value)
   * @throws IllegalStateException if the session was invalidated
   */
  <T> Optional<T> get(String name, Class<T> type);

  /**
   * Reads an attribute as a generic type: {@code session.get("users", new TypeRef<List<User>>()
   * {})}.
   *
   * @param name the attribute name
   * @param type the type to bind the JSON to
   * @param <T> the type
   * @return the value, or empty when absent (or JSON null), or when the stored JSON does not fit
   *     {@code type} (another program or an older version wrote something else under the name: one
   *     warning per attribute and type names both, never the value)
   * @throws IllegalStateException if the session was invalidated
   */
  <T> Optional<T> get(String name, TypeRef<T> type);

  /**
   * Reads an attribute without naming a type: an instance of the type registered for this name
   * ({@link SessionConfigBuilder#attributeType}) or for the value's alias ({@link
   * SessionConfigBuilder#registerType}), else JSON's own types (String, Integer, Long, BigInteger,
   * Double, Boolean, List, Map). A value that does not fit its name's registered type reads as
   * null, as for {@link #get(String, Class)}.
   *
   * @param name the attribute name
   * @return the value, or null when absent
   * @throws IllegalStateException if the session was invalidated
   */
  Object getUntyped(String name);

  /**
   * Writes an attribute. A null value removes it.
   *
   * @param name the attribute name
   * @param value any value Jackson can write, or null
   * @throws IllegalArgumentException when the value cannot be written as JSON, or the name is
   *     reserved ({@code sessionkit.*}; with {@link CookieFormat#EXPRESS} also {@code cookie} and
   *     {@code sessionkit}, the members of express-session's record)
   * @throws IllegalStateException if the session was invalidated
   */
  void set(String name, Object value);

  /**
   * Writes an attribute that untyped reads must give back as itself (the {@code HttpSession}
   * bridge's {@code setAttribute}): the value must be of JSON's own types, or of a type registered
   * for this name or by alias. A null value removes it.
   *
   * @param name the attribute name
   * @param value the value, or null
   * @throws IllegalArgumentException when {@link #getUntyped} could not give the value back as
   *     itself; the message names the registration that fixes it
   * @throws IllegalStateException if the session was invalidated
   */
  void setUntyped(String name, Object value);

  /**
   * Removes an attribute.
   *
   * @param name the attribute name
   * @throws IllegalStateException if the session was invalidated
   */
  void remove(String name);

  /**
   * Moves the idle deadline at this request's commit even when the touch interval has not passed
   * (express-session's {@code touch}).
   *
   * @throws IllegalStateException if the session was invalidated
   */
  void touch();

  /**
   * Gives this session's cookie its own lifetime ("remember me"): a duration makes it persistent,
   * null makes it end with the browser session. Other sessions keep {@link
   * CookieSettings#maxAge()}. The cookie is sent again at commit. It does not change the idle or
   * absolute timeout, which still end the session on the server; raise {@link #setIdleTimeout} too
   * when the session should outlive the default.
   *
   * @param maxAge a positive duration, or null for a browser-session cookie
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if the session was invalidated
   */
  void setCookieMaxAge(Duration maxAge);

  /**
   * Returns the Max-Age this session's cookie is sent with.
   *
   * @return the lifetime, or empty for a browser-session cookie
   * @throws IllegalStateException if the session was invalidated
   */
  Optional<Duration> cookieMaxAge();

  /**
   * Returns the description of the client this session was made for, when the application binds
   * sessions to clients ({@link SessionManager#open(Iterable, boolean, String)}): for example a
   * browser family, shown on a "your sessions" page.
   *
   * @return the description, or empty when the session is not bound
   * @throws IllegalStateException if the session was invalidated
   */
  Optional<String> client();

  /**
   * Records a short description of the device this session was made on (for example {@code "Firefox
   * on Linux"}), shown by {@link SessionsByPrincipal#list(Session)} on a "your sessions" page.
   * Opt-in: nothing is recorded unless the application calls this, typically at login, after {@link
   * #regenerate(boolean) regenerate(false)}, which drops it. Keep it coarse: a full User-Agent is
   * personal data and says no more to the user.
   *
   * @param description at most 200 characters; null removes it
   * @throws IllegalArgumentException if the description is longer than 200 characters
   * @throws IllegalStateException if the session was invalidated
   */
  void setDevice(String description);

  /**
   * Returns the device description recorded with {@link #setDevice}.
   *
   * @return the description, or empty when none was recorded
   * @throws IllegalStateException if the session was invalidated
   */
  Optional<String> device();

  /**
   * Returns the names of the attributes.
   *
   * @return an unmodifiable snapshot of the names
   * @throws IllegalStateException if the session was invalidated
   */
  Set<String> attributeNames();

  /**
   * Returns who is logged in, if anyone.
   *
   * @return the principal name
   * @throws IllegalStateException if the session was invalidated
   */
  Optional<String> principal();

  /**
   * Sets who is logged in; null logs out while keeping the session. Stores that index sessions by
   * principal let {@link SessionManager#byPrincipal()} list and end them all; setting a principal
   * gives the session a new {@link SessionInfo#handle() handle}, which lasts through renewals and
   * {@code regenerate(true)} until the principal changes again.
   *
   * <p>With {@link SessionConfigBuilder#maxSessionsPerPrincipal} set, room is made here: the
   * principal's least recently used sessions over the cap end, or the login is refused.
   *
   * @param principal the principal name, or null
   * @throws SessionLimitExceededException when the cap is reached and the policy refuses
   * @throws SessionStoreException when the store fails while making room
   * @throws IllegalStateException if the session was invalidated
   */
  void setPrincipal(String principal);

  /**
   * Returns how long this session lives without use.
   *
   * @return the idle timeout
   * @throws IllegalStateException if the session was invalidated
   */
  Duration idleTimeout();

  /**
   * Changes how long this session lives without use.
   *
   * @param idleTimeout a positive duration
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if the session was invalidated
   */
  void setIdleTimeout(Duration idleTimeout);

  /**
   * Lets only the absolute deadline end this session: the idle timeout becomes the time from the
   * last access to the absolute deadline (the servlet API's "never time out", which SessionKit
   * sessions do not offer).
   *
   * @throws IllegalStateException if the session has no absolute deadline, or was invalidated
   */
  void setIdleTimeoutToAbsolute();

  /**
   * Returns when the session ends if not used again.
   *
   * @return the idle deadline
   * @throws IllegalStateException if the session was invalidated
   */
  Instant idleDeadline();

  /**
   * Returns when the session ends however much it is used.
   *
   * @return the absolute deadline, or empty when there is none
   * @throws IllegalStateException if the session was invalidated
   */
  Optional<Instant> absoluteDeadline();

  /**
   * Ends the session: the stored record is deleted at once and the response clears the cookie
   * (express-session's {@code destroy}).
   *
   * @throws SessionStoreException when the store fails
   * @throws IllegalStateException if the session was already invalidated
   */
  void invalidate();

  /**
   * Gives the session a new id (after login, against session fixation). The old record is deleted
   * when the request commits: the old id ends at once, with no grace (see {@link #renew()} for an
   * id change that requests in flight survive).
   *
   * @param keepAttributes whether attributes and principal move to the new id; when false the
   *     session starts empty with a new creation time
   * @throws IllegalStateException if the session was invalidated
   */
  void regenerate(boolean keepAttributes);

  /**
   * Gives the session a new id now, keeping everything in it, as id renewal does every {@link
   * SessionConfig#renewalInterval()}: when the request commits, the session moves to the new id,
   * the response sets the new cookie, and the old id keeps leading to the session for {@link
   * SessionConfig#renewalGrace()}, so that requests already in flight with it are neither logged
   * out nor lose their writes. Use {@link #regenerate} at login instead: an id planted before login
   * must end at once. On a store without {@link dev.sessionkit.spi.SessionRenewal}, and for sealed
   * sessions (whose old cookie nothing on the server can end), this is {@code regenerate(true)}.
   *
   * @throws IllegalStateException if the session was invalidated
   */
  void renew();

  /**
   * Reads the session again from its store, dropping what this request changed and has not yet
   * committed (express-session's {@code reload}). A session ended elsewhere meanwhile becomes
   * invalid, and the response clears its cookie.
   *
   * @throws SessionStoreException when the store fails
   * @throws IllegalStateException if the session is new (not saved yet), regenerated in this
   *     request, or invalidated
   */
  void reload();

  /**
   * Returns whether the session is still usable (not invalidated).
   *
   * @return true until {@link #invalidate()}
   */
  boolean isValid();
}
