package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A filter declared in web.xml: its init-params, their defaults, and the errors that name them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterOptionsTest {

  private final SessionManager manager =
      SessionManager.sealed(SessionConfig.builder().secret(ServedApp.SECRET).build());

  @AfterAll
  void close() {
    manager.close();
  }

  private FilterConfig config(Map<String, String> params) {
    ServletContext context =
        (ServletContext)
            Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) ->
                    method.getName().equals("getAttribute")
                            && SessionFilter.MANAGER_ATTRIBUTE.equals(args[0])
                        ? manager
                        : null);
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "sessions";
      }

      @Override
      public ServletContext getServletContext() {
        return context;
      }

      @Override
      public String getInitParameter(String name) {
        return params.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
      }
    };
  }

  @Test
  void unsetParamsTakeTheBuildersDefaults() throws ServletException {
    FilterOptions options = FilterOptions.fromInitParams(config(Map.of()));
    assertThat(options.manager()).isSameAs(manager);
    assertThat(options.rejectedCookieWarning())
        .isEqualTo(SessionFilter.DEFAULT_REJECTED_COOKIE_WARNING);
    assertThat(options.trustForwardedProto()).isFalse();
    assertThat(options.cookieTransport()).isTrue();
    assertThat(options.idHeader()).isNull();
  }

  @Test
  void paramsAreRead() throws ServletException {
    FilterOptions options =
        FilterOptions.fromInitParams(
            config(
                Map.of(
                    SessionFilter.REJECTED_COOKIE_WARNING_PARAM, " 100 ",
                    SessionFilter.TRUST_FORWARDED_PROTO_PARAM, "TRUE",
                    SessionFilter.ID_HEADER_PARAM, "X-Session",
                    SessionFilter.COOKIE_TRANSPORT_PARAM, "false")));
    assertThat(options.rejectedCookieWarning()).isEqualTo(100);
    assertThat(options.trustForwardedProto()).isTrue();
    assertThat(options.idHeader()).isEqualTo("X-Session");
    assertThat(options.cookieTransport()).isFalse();
  }

  @Test
  void aWrongParamFailsInitNamingIt() {
    for (String bad : new String[] {"0", "-3", "many", ""}) {
      assertThatThrownBy(
              () ->
                  FilterOptions.fromInitParams(
                      config(Map.of(SessionFilter.REJECTED_COOKIE_WARNING_PARAM, bad))))
          .isInstanceOf(ServletException.class)
          .hasMessageContaining("rejectedCookieWarning must be a whole number of at least 1");
    }
    assertThatThrownBy(
            () ->
                FilterOptions.fromInitParams(
                    config(Map.of(SessionFilter.COOKIE_TRANSPORT_PARAM, "no"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("cookieTransport must be true or false: no");
    assertThatThrownBy(
            () ->
                FilterOptions.fromInitParams(
                    config(Map.of(SessionFilter.COOKIE_TRANSPORT_PARAM, "false"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("needs idHeader");
  }

  @Test
  void theBuilderRefusesAThresholdBelowOneAndASecondOne() {
    SessionFilter.Builder builder = SessionFilter.builder(manager);
    assertThatThrownBy(() -> builder.rejectedCookieWarning(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rejectedCookieWarning must be at least 1: 0");
    builder.rejectedCookieWarning(50);
    assertThatThrownBy(() -> builder.rejectedCookieWarning(60))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rejectedCookieWarning");
  }

  /** A store-failure handler an application names by class in web.xml. */
  public static final class Maintenance implements StoreFailureHandler {
    @Override
    public void handle(
        jakarta.servlet.http.HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response,
        dev.sessionkit.SessionStoreException failure)
        throws java.io.IOException {
      response.sendRedirect("/maintenance.html");
    }
  }

  @Test
  void theFailureHandlerGuardAndBindingAreNamedOrGivenByClass() throws ServletException {
    FilterOptions named =
        FilterOptions.fromInitParams(
            config(
                Map.of(
                    SessionFilter.ON_STORE_FAILURE_PARAM, "RETHROW",
                    SessionFilter.ON_REJECTED_COOKIES_PARAM, "50",
                    SessionFilter.CLIENT_BINDING_PARAM, "userAgentFamily")));
    assertThat(named.onStoreFailure()).isSameAs(StoreFailureHandler.RETHROW);
    assertThat(named.clientGuard().block("192.0.2.1", 50)).isFalse();
    assertThat(named.clientGuard().block("192.0.2.1", 51)).isTrue();
    assertThat(named.clientBinding()).isNotNull();

    FilterOptions byClass =
        FilterOptions.fromInitParams(
            config(Map.of(SessionFilter.ON_STORE_FAILURE_PARAM, Maintenance.class.getName())));
    assertThat(byClass.onStoreFailure()).isInstanceOf(Maintenance.class);
    assertThat(byClass.clientGuard()).isSameAs(ClientGuard.NEVER_BLOCK);
    assertThat(byClass.clientBinding()).isNull();
  }

  @Test
  void aClassThatIsMissingOrOfTheWrongTypeFailsInitNamingTheParam() {
    assertThatThrownBy(
            () ->
                FilterOptions.fromInitParams(
                    config(Map.of(SessionFilter.ON_STORE_FAILURE_PARAM, "java.lang.String"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("onStoreFailure: java.lang.String does not implement");
    assertThatThrownBy(
            () ->
                FilterOptions.fromInitParams(
                    config(Map.of(SessionFilter.CLIENT_BINDING_PARAM, "com.example.Nope"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(
            "clientBinding must be one of userAgentFamily or the name of a class");
    assertThatThrownBy(
            () ->
                FilterOptions.fromInitParams(
                    config(Map.of(SessionFilter.ON_REJECTED_COOKIES_PARAM, "0"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("onRejectedCookies must be a whole number of at least 1");
  }
}
