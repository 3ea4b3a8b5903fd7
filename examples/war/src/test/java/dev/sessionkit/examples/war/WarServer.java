package dev.sessionkit.examples.war;

import java.nio.file.Path;

/** A servlet container the test deploys WARs into, on a free loopback port. */
interface WarServer {

  /** The context path every WAR is deployed at. */
  String CONTEXT = "/app";

  /** The port the container listens on. */
  int port();

  /**
   * Deploys an exploded WAR at {@link #CONTEXT}; a WAR that fails to start is reported, not thrown.
   */
  Deployed deploy(Path war) throws Exception;

  /** Stops the container. */
  void stop() throws Exception;

  /**
   * One deployment.
   *
   * @param failure what failed the start, with its causes, or null when the WAR started
   * @param undeploy stops the WAR and removes it from the container
   */
  record Deployed(Throwable failure, Undeploy undeploy) {

    /** Stops the WAR and removes it from the container. */
    void stop() throws Exception {
      undeploy.run();
    }
  }

  /** What undeploys one WAR. */
  @FunctionalInterface
  interface Undeploy {
    void run() throws Exception;
  }
}
