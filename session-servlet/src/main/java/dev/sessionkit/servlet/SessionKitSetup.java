package dev.sessionkit.servlet;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.spi.StoreFactory;
import dev.sessionkit.spi.StoreProvider;
import dev.sessionkit.spi.TextSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Registers SessionKit in a WAR that has no code for it: this jar's {@code web-fragment.xml} (named
 * {@code sessionkit}) declares this listener, which, when the application supplies settings (a
 * {@code sessionkit.properties} on its class path, or {@code sessionkit.*} context parameters),
 * builds the engine and the store named by {@code sessionkit.store} (found through {@link
 * StoreProvider}), maps a {@link SessionFilter} to {@code /*} ahead of the application's filters
 * and, with {@code sessionkit.require-session.paths}, a {@link RequireSession}. Without settings it
 * logs one line and does nothing. The secret comes from the environment variables that {@code
 * sessionkit.secret.env} names (default {@value WarConfig#DEFAULT_SECRET_VARIABLE}).
 *
 * <p>Wrong settings, and {@code <session-config>} elements SessionKit cannot honour, fail the
 * deployment with a message that names them. A store that cannot be reached does not: requests are
 * answered as a store failure (503) until it can. When the application stops, the engine and its
 * store are closed, and with them the store's threads.
 */
public final class SessionKitSetup implements ServletContextListener {

  /** The name of the filter this listener registers. */
  public static final String FILTER_NAME = "sessionkit";

  /** The name of the {@link RequireSession} filter this listener registers. */
  public static final String REQUIRE_SESSION_FILTER_NAME = "sessionkit-require-session";

  private static final System.Logger LOG = System.getLogger(SessionKitSetup.class.getName());

  private final UnaryOperator<String> environment;
  private volatile StoreStart started;

  /** Creates the listener; the container calls this. */
  public SessionKitSetup() {
    this(System::getenv);
  }

  SessionKitSetup(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /**
   * Registers SessionKit when the application supplies settings.
   *
   * @param event the application's start
   * @throws IllegalStateException naming the setting or element that is wrong
   */
  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    TextSettings settings;
    try {
      settings = WarSettings.read(context, environment);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("SessionKit cannot start: " + e.getMessage(), e);
    }
    if (settings == null) {
      LOG.log(
          System.Logger.Level.INFO,
          "no "
              + WarSettings.FILE
              + " on the class path and no sessionkit.* context parameter in "
              + context.getContextPath()
              + "/: SessionKit registers nothing");
      return;
    }
    try {
      started = register(context, settings);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalStateException("SessionKit cannot start: " + e.getMessage(), e);
    }
  }

  private StoreStart register(ServletContext context, TextSettings settings) {
    if (settings.string("secret") != null || settings.string("secrets") != null) {
      throw new IllegalArgumentException(
          "sessionkit.secret cannot be written in "
              + WarSettings.FILE
              + " or web.xml: name the environment variables that hold the secrets with"
              + " sessionkit.secret.env (default "
              + WarConfig.DEFAULT_SECRET_VARIABLE
              + ")");
    }
    String storeName = settings.string("store") == null ? "memory" : settings.string("store");
    WarConfig.requireKnown(settings, storeName);
    for (var registration : context.getFilterRegistrations().values()) {
      if (SessionFilter.class.getName().equals(registration.getClassName())) {
        throw new IllegalStateException(
            "the application declares a SessionFilter ("
                + registration.getName()
                + ") and supplies sessionkit settings: remove the filter declaration and let the"
                + " settings register it, or remove the settings");
      }
    }
    ClassLoader loader = context.getClassLoader();
    SessionConfig config =
        WarConfig.sessionConfig(
            settings, ContainerSessionConfig.read(context), loader, environment);
    StoreFactory store = storeName.equals("cookie") ? null : store(storeName, settings, loader);
    StoreStart start = new StoreStart(config, store);
    try {
      start.manager();
      FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new WarFilter(start));
      if (filter == null) {
        throw new IllegalStateException(
            "a filter named "
                + FILTER_NAME
                + " is already registered: is SessionKitSetup declared"
                + " twice (web.xml and the fragment)?");
      }
      filter.setAsyncSupported(true);
      filter.setInitParameters(WarConfig.filterParams(settings));
      filter.addMappingForUrlPatterns(
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
      requireSession(context, settings.below("require-session."));
    } catch (RuntimeException e) {
      start.close();
      throw e;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "SessionKit serves the sessions of {0}/ (store {1}, cookie {2})",
        context.getContextPath(),
        storeName,
        config.cookie().name());
    return start;
  }

  private static StoreFactory store(String name, TextSettings settings, ClassLoader loader) {
    StoreProvider provider;
    try {
      provider = StoreProvider.named(name, loader);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "sessionkit.store="
              + name
              + ": "
              + e.getMessage()
              + "; in a WAR they go in WEB-INF/lib (sessionkit.store=cookie needs none)",
          e);
    }
    TextSettings own = settings.below(name + ".");
    own.requireKnown(provider.settingNames());
    return provider.factory(own);
  }

  private static void requireSession(ServletContext context, TextSettings settings) {
    String paths = settings.string("paths");
    if (paths == null) {
      settings.requireWith("status", "paths");
      settings.requireWith("body", "paths");
      return;
    }
    FilterRegistration.Dynamic filter =
        context.addFilter(REQUIRE_SESSION_FILTER_NAME, new RequireSession());
    filter.setAsyncSupported(true);
    for (Map.Entry<String, String> param :
        Map.of(RequireSession.STATUS_PARAM, "status", RequireSession.BODY_PARAM, "body")
            .entrySet()) {
      if (settings.string(param.getValue()) != null) {
        filter.setInitParameter(param.getKey(), settings.string(param.getValue()));
      }
    }
    filter.addMappingForUrlPatterns(
        EnumSet.of(DispatcherType.REQUEST),
        false,
        Arrays.stream(paths.split(",")).map(String::trim).toArray(String[]::new));
  }

  /**
   * Closes the engine and its store, if they were built; does nothing after a start that failed or
   * registered nothing.
   *
   * @param event the application's end
   */
  @Override
  public void contextDestroyed(ServletContextEvent event) {
    StoreStart start = started;
    started = null;
    if (start != null) {
      start.close();
    }
  }
}
