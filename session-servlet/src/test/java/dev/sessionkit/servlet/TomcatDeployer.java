package dev.sessionkit.servlet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Deploys a {@link Deployment} in embedded Tomcat 11 on a free port. */
final class TomcatDeployer {

  private TomcatDeployer() {}

  static Deployment.Running deploy(Deployment d) throws Exception {
    Path base = Files.createTempDirectory("sessionkit-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", base.toString());
    d.listeners.forEach(((StandardContext) context)::addApplicationLifecycleListener);
    context.addServletContainerInitializer(d.registersSessionListeners(), null);
    for (Deployment.FilterSpec f : d.filters) {
      FilterDef def = new FilterDef();
      def.setFilterName(f.name());
      if (f.instance() != null) {
        def.setFilter(f.instance());
      } else {
        def.setFilterClass(f.type().getName());
      }
      f.initParams().forEach(def::addInitParameter);
      def.setAsyncSupported("true");
      context.addFilterDef(def);
      FilterMap map = new FilterMap();
      map.setFilterName(f.name());
      map.addURLPattern(f.pattern());
      map.setDispatcher("REQUEST");
      map.setDispatcher("ASYNC");
      map.setDispatcher("ERROR");
      context.addFilterMap(map);
    }
    for (Deployment.ServletSpec s : d.servlets) {
      Wrapper wrapper = Tomcat.addServlet(context, s.name(), s.servlet());
      wrapper.setAsyncSupported(true);
      context.addServletMapping(s.pattern(), s.name());
    }
    tomcat.start();
    int port = tomcat.getConnector().getLocalPort();
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
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(base)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    };
  }
}
