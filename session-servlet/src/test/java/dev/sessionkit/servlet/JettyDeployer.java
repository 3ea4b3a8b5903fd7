package dev.sessionkit.servlet;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Deploys a {@link Deployment} in embedded Jetty 12 (ee10) on a free port. */
final class JettyDeployer {

  private JettyDeployer() {}

  static Deployment.Running deploy(Deployment d) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    d.listeners.forEach(context::addEventListener);
    context.addServletContainerInitializer(d.registersSessionListeners());
    for (Deployment.FilterSpec f : d.filters) {
      FilterHolder holder =
          f.instance() != null ? new FilterHolder(f.instance()) : new FilterHolder(f.type());
      holder.setName(f.name());
      holder.setInitParameters(f.initParams());
      holder.setAsyncSupported(true);
      context.addFilter(
          holder,
          f.pattern(),
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
    }
    for (Deployment.ServletSpec s : d.servlets) {
      ServletHolder holder = new ServletHolder(s.name(), s.servlet());
      holder.setAsyncSupported(true);
      context.addServlet(holder, s.pattern());
    }
    server.setHandler(context);
    server.start();
    int port = connector.getLocalPort();
    return new Deployment.Running() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() {
        try {
          stopServer();
        } catch (Exception e) {
          throw new IllegalStateException("stopping the server failed", e);
        }
      }

      private void stopServer() throws Exception {
        server.stop();
      }
    };
  }
}
