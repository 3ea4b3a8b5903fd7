package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.User;

/**
 * What the starter adds when Spring Security is present: the filter that sets the principal, the
 * {@link SessionRegistry}, their switches, and the answer to a store failure.
 */
class SpringSecurityAutoConfigurationTest {

  private final WebApplicationContextRunner runner = runner();

  /** A web context with the starter and its Spring Security configuration. */
  static WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SessionKitAutoConfiguration.class, SessionKitSpringSecurityAutoConfiguration.class))
        .withPropertyValues(AutoConfigurationTest.SECRET);
  }

  @Test
  void withSpringSecurityThePrincipalFollowsAndTheRegistryIsOurs() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(SessionRegistry.class);
          assertThat(context.getBean(SessionRegistry.class))
              .isInstanceOf(SessionKitSessionRegistry.class);
          FilterRegistrationBean<?> principal =
              context.getBean("sessionKitSecurityPrincipalFilter", FilterRegistrationBean.class);
          assertThat(principal.getFilter()).isInstanceOf(SecurityPrincipalFilter.class);
          assertThat(principal.getOrder())
              .isEqualTo(SessionKitAutoConfiguration.DEFAULT_FILTER_ORDER + 1)
              .isLessThan(SessionKitAutoConfiguration.SECURITY_DEFAULT_FILTER_ORDER);
        });
  }

  @Test
  void switchesTurnEachOff() {
    runner
        .withPropertyValues(
            "sessionkit.security.principal=false", "sessionkit.security.session-registry=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(SessionRegistry.class);
              assertThat(context).doesNotHaveBean("sessionKitSecurityPrincipalFilter");
            });
  }

  @Test
  void theApplicationsOwnRegistryWins() {
    runner
        .withBean(SessionRegistry.class, SessionRegistryImpl::new)
        .run(
            context ->
                assertThat(context.getBean(SessionRegistry.class))
                    .isInstanceOf(SessionRegistryImpl.class));
  }

  @Test
  void withoutSpringSecurityNothingIsAdded() {
    runner
        .withClassLoader(new FilteredClassLoader(SessionRegistry.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("sessionKitSecurityPrincipalFilter");
              assertThat(context).doesNotHaveBean(SessionKitSessionRegistry.class);
            });
  }

  @Test
  void aStoreFailureStatusThatIsNoErrorFailsStartUpNamingIt() {
    runner
        .withPropertyValues("sessionkit.filter.store-failure-status=200")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sessionkit.filter.store-failure-status"));
  }

  @Test
  void thePrincipalIsTheAuthenticatedName() {
    var user = User.withUsername("frodo").password("x").roles("READER").build();
    var authenticated =
        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    assertThat(SecurityPrincipalFilter.principalOf(new SecurityContextImpl(authenticated)))
        .isEqualTo("frodo");
    assertThat(SessionKitSessionRegistry.nameOf(user)).isEqualTo("frodo");

    var unproven = UsernamePasswordAuthenticationToken.unauthenticated("frodo", "mellon");
    assertThat(SecurityPrincipalFilter.principalOf(new SecurityContextImpl(unproven))).isNull();
    var anonymous =
        new AnonymousAuthenticationToken(
            "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    assertThat(SecurityPrincipalFilter.principalOf(new SecurityContextImpl(anonymous))).isNull();
    assertThat(SecurityPrincipalFilter.principalOf(new SecurityContextImpl())).isNull();
    assertThat(SecurityPrincipalFilter.principalOf(List.of("not a context"))).isNull();
  }
}
