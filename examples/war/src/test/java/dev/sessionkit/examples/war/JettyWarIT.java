package dev.sessionkit.examples.war;

/** The WAR in Jetty 12's ee10 webapp deployer. */
class JettyWarIT extends WarDeploymentContract {

  @Override
  WarServer start() throws Exception {
    return new JettyWarServer();
  }
}
