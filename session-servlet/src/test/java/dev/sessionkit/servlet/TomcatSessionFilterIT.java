package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The adapter contract in embedded Tomcat 11, plus what only a Servlet 6.1 container offers. */
class TomcatSessionFilterIT extends SessionFilterContract {

  @Override
  protected Deployment.Running deploy(Deployment deployment) throws Exception {
    return TomcatDeployer.deploy(deployment);
  }

  @Test
  void servlet61RedirectWithStatusCommitsTheSessionFirst() {
    UserAgent a = agent();
    UserAgent.Reply reply = a.post("/app/redirect303");
    assertThat(reply.status()).isEqualTo(303);
    assertThat(reply.sessionCookie()).isPresent();
    assertThat(a.get("/app/peek").body()).isEqualTo("via=redirect303");
  }
}
