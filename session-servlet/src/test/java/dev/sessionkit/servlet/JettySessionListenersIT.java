package dev.sessionkit.servlet;

/** The container's session listeners hear SessionKit sessions in embedded Jetty 12 (ee10). */
class JettySessionListenersIT extends SessionListenersContract {

  @Override
  protected Deployment.Running deploy(Deployment deployment) throws Exception {
    return JettyDeployer.deploy(deployment);
  }
}
