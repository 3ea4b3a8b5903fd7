package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionManager;
import dev.sessionkit.servlet.ClientBinding;
import dev.sessionkit.servlet.SessionFilter;
import dev.sessionkit.spi.StoreFactory;
import jakarta.servlet.DispatcherType;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Puts SessionKit sessions behind {@code request.getSession()} in a Spring Boot servlet
 * application: a {@link SessionManager} on the store {@code sessionkit.store} names, and its {@link
 * SessionFilter} registered before Spring Security's filter chain. Each bean steps aside for one of
 * the application's own: a {@link StoreFactory} bean replaces the store the properties describe, a
 * {@link SessionConfig} bean the whole config, a {@link SessionManager} bean everything.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SessionFilter.class)
@ConditionalOnProperty(prefix = "sessionkit", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SessionKitProperties.class)
public class SessionKitAutoConfiguration {

  /**
   * The filter's default order: early, as Spring Session's filter is, and well before Spring
   * Security's filter chain ({@code spring.security.filter.order}, -100 by default), so that
   * Security and every filter after it see SessionKit's {@code HttpSession}.
   */
  public static final int DEFAULT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

  /** Spring Security's default filter-chain order, from its {@code SecurityFilterProperties}. */
  static final int SECURITY_DEFAULT_FILTER_ORDER = -100;

  /** Creates the auto-configuration; Spring calls it. */
  public SessionKitAutoConfiguration() {}

  /**
   * The settings: {@code sessionkit.*}, the honoured {@code server.servlet.session.*}, every {@link
   * SessionListener} bean (the metrics among them) and every {@link SessionKitConfigCustomizer}
   * bean, in order.
   *
   * @param properties the {@code sessionkit.*} properties
   * @param environment where {@code server.servlet.session.*} are read from
   * @param listeners the listener beans
   * @param customizers the customizer beans
   * @return the config
   * @throws IllegalStateException when {@code sessionkit.secret} is missing, or a {@code
   *     server.servlet.session.*} property is set that SessionKit cannot honour
   */
  @Bean
  @ConditionalOnMissingBean
  public SessionConfig sessionKitConfig(
      SessionKitProperties properties,
      Environment environment,
      ObjectProvider<SessionListener> listeners,
      ObjectProvider<SessionKitConfigCustomizer> customizers) {
    ServletSessionProperties servlet = ServletSessionProperties.read(environment);
    try {
      return new SessionConfigFactory(properties, servlet)
          .build(
              CompositeListener.of(listeners.orderedStream().toList()),
              customizers.orderedStream().toList());
    } catch (SessionKitSetupException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw SessionKitSetupException.refused(e);
    }
  }

  /**
   * The engine, on the application's {@link StoreFactory} bean if there is one, else on the store
   * {@code sessionkit.store} names. Closed with the context, and with it the store.
   *
   * @param config the settings
   * @param properties the {@code sessionkit.*} properties
   * @param environment where {@code spring.data.redis.*} are read from
   * @param stores the application's store factory, if any
   * @param dataSources the application's data source, for {@code sessionkit.store=jdbc}
   * @param context where the store modules are looked for
   * @return the engine
   */
  @Bean
  @ConditionalOnMissingBean
  public SessionManager sessionKitManager(
      SessionConfig config,
      SessionKitProperties properties,
      Environment environment,
      ObjectProvider<StoreFactory> stores,
      ObjectProvider<DataSource> dataSources,
      ApplicationContext context) {
    ClassLoader loader = context.getClassLoader();
    try {
      return manager(config, properties, environment, stores, dataSources, loader);
    } catch (SessionKitSetupException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw SessionKitSetupException.refused(e);
    }
  }

  private static SessionManager manager(
      SessionConfig config,
      SessionKitProperties properties,
      Environment environment,
      ObjectProvider<StoreFactory> stores,
      ObjectProvider<DataSource> dataSources,
      ClassLoader loader) {
    StoreFactory own = stores.getIfUnique();
    if (own != null) {
      return SessionManager.create(config, own);
    }
    return switch (properties.getStore()) {
      case COOKIE -> SessionManager.sealed(config);
      case MEMORY -> {
        require(
            loader, "memory", "dev.sessionkit.memory.MemorySessionStore", "session-store-memory");
        yield SessionManager.create(config, MemoryStores.factory(properties.getMemory()));
      }
      case REDIS -> {
        require(loader, "redis", "dev.sessionkit.redis.RedisSessionStore", "session-store-redis");
        yield SessionManager.create(
            config, RedisStores.factory(properties.getRedis(), Binder.get(environment)));
      }
      case JDBC -> {
        require(loader, "jdbc", "dev.sessionkit.jdbc.JdbcSessionStore", "session-store-jdbc");
        yield SessionManager.create(
            config, JdbcStores.factory(properties.getJdbc(), dataSources.getIfUnique()));
      }
    };
  }

  private static void require(ClassLoader loader, String store, String className, String artifact) {
    if (!ClassUtils.isPresent(className, loader)) {
      throw new SessionKitSetupException(
          "sessionkit.store=" + store + " needs dev.sessionkit:" + artifact + " on the class path",
          "Add dev.sessionkit:"
              + artifact
              + " (session-spring-boot-starter brings every store), or choose another"
              + " sessionkit.store.");
    }
  }

  /**
   * Registers the {@link SessionFilter} for every request, error and async dispatch, at {@code
   * sessionkit.filter.order}, answering store failures as {@code sessionkit.filter.store-failure}
   * says.
   *
   * @param manager the engine
   * @param properties the {@code sessionkit.*} properties
   * @param environment where {@code spring.security.filter.order} is read from
   * @param context where Spring Security is looked for
   * @return the registration
   * @throws IllegalStateException when Spring Security is present and its filter chain would run
   *     first
   */
  @Bean
  @ConditionalOnMissingBean(name = "sessionKitFilter")
  public FilterRegistrationBean<SessionFilter> sessionKitFilter(
      SessionManager manager,
      SessionKitProperties properties,
      Environment environment,
      ApplicationContext context) {
    FilterProperties settings = properties.getFilter();
    checkOrder(settings.getOrder(), environment, context.getClassLoader());
    SessionFilter.Builder filter =
        SessionFilter.builder(manager)
            .trustForwardedProto(settings.isTrustForwardedProto())
            .onStoreFailure(StoreFailureAnswers.of(settings));
    if (settings.isBindUserAgent()) {
      filter.clientBinding(ClientBinding.userAgentFamily());
    }
    FilterRegistrationBean<SessionFilter> registration =
        new FilterRegistrationBean<>(filter.build());
    registration.setName("sessionKitFilter");
    registration.setOrder(settings.getOrder());
    registration.setAsyncSupported(true);
    registration.setDispatcherTypes(
        DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    return registration;
  }

  private static void checkOrder(int order, Environment environment, ClassLoader loader) {
    if (!ClassUtils.isPresent("org.springframework.security.web.FilterChainProxy", loader)) {
      return;
    }
    int security =
        environment.getProperty(
            "spring.security.filter.order", Integer.class, SECURITY_DEFAULT_FILTER_ORDER);
    if (order >= security) {
      throw new SessionKitSetupException(
          "sessionkit.filter.order ("
              + order
              + ") must be lower than spring.security.filter.order ("
              + security
              + "), so that Spring Security sees SessionKit's sessions",
          "Lower sessionkit.filter.order, or leave it unset.");
    }
  }

  /** Stores Spring Security's session attributes as JSON through its own Jackson modules. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.security.jackson.SecurityJacksonModules",
        "org.springframework.security.web.savedrequest.DefaultSavedRequest"
      })
  @ConditionalOnProperty(prefix = "sessionkit.security", name = "attributes", matchIfMissing = true)
  static class SpringSecurityConfiguration {

    @Bean
    SessionKitConfigCustomizer sessionKitSpringSecurityAttributes() {
      return SpringSecurityAttributes.customizer(
          SpringSecurityConfiguration.class.getClassLoader());
    }
  }

  /** Several listener beans as the config's one listener. */
  static final class CompositeListener {
    private CompositeListener() {}

    static SessionListener of(List<SessionListener> listeners) {
      return switch (listeners.size()) {
        case 0 -> SessionListener.NONE;
        case 1 -> listeners.get(0);
        default -> new Listeners(List.copyOf(listeners));
      };
    }
  }
}
