package dev.sessionkit.servlet;

/** The adapter contract in embedded Jetty 12 (ee10). */
class JettySessionFilterIT extends SessionFilterContract {

  @Override
  protected Deployment.Running deploy(Deployment deployment) throws Exception {
    return JettyDeployer.deploy(deployment);
  }
}
