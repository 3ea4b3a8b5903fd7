package dev.sessionkit.servlet;

/** The container's session listeners hear SessionKit sessions in embedded Tomcat 11. */
class TomcatSessionListenersIT extends SessionListenersContract {

  @Override
  protected Deployment.Running deploy(Deployment deployment) throws Exception {
    return TomcatDeployer.deploy(deployment);
  }
}
