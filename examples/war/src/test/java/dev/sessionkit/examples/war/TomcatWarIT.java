package dev.sessionkit.examples.war;

import java.util.List;
import java.util.logging.LogRecord;

/** The WAR in Tomcat 11, deployed as its host deploys one. */
class TomcatWarIT extends WarDeploymentContract {

  private TomcatWarServer tomcat;

  @Override
  WarServer start() throws Exception {
    tomcat = new TomcatWarServer();
    return tomcat;
  }

  /** Tomcat's "appears to have started a thread named [...] but has failed to stop it". */
  @Override
  List<String> leakWarnings() {
    return tomcat.log().stream()
        .map(LogRecord::getMessage)
        .filter(m -> m != null && m.contains("failed to stop it"))
        .toList();
  }
}
