package dev.sessionkit.examples.war;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** Jetty 12 with the ee10 webapp deployer: web.xml, web-fragment.xml, WEB-INF/lib. */
final class JettyWarServer implements WarServer {

  private final Server server = new Server();
  private final ContextHandlerCollection contexts = new ContextHandlerCollection();
  private final ServerConnector connector = new ServerConnector(server);

  JettyWarServer() throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(contexts);
    server.start();
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public Deployed deploy(Path war) {
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath(CONTEXT);
    webapp.setWar(war.toString());
    webapp.setThrowUnavailableOnStartupException(true);
    contexts.addHandler(webapp);
    Throwable failure = null;
    try {
      webapp.start();
    } catch (Exception e) {
      failure = e;
    }
    return new Deployed(
        failure,
        () -> {
          webapp.stop();
          contexts.removeHandler(webapp);
          webapp.destroy();
        });
  }

  @Override
  public void stop() throws Exception {
    server.stop();
  }
}
