package dev.sessionkit.examples.war;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Host;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Tomcat 11 deploying a WAR the way its host does ({@code ContextConfig}: web.xml, web-fragment.xml
 * and WEB-INF/lib scanning), without the default web.xml (no JSP engine here). Tomcat's own log
 * lines are kept, so that a test can read why a WAR failed and whether Tomcat warned of a leak.
 */
final class TomcatWarServer implements WarServer {

  private final Tomcat tomcat = new Tomcat();
  private final List<LogRecord> log = new CopyOnWriteArrayList<>();
  private final Logger catalina = Logger.getLogger("org.apache.catalina");
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord logged) {
          log.add(logged);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  TomcatWarServer() throws Exception {
    catalina.addHandler(handler);
    tomcat.setBaseDir(Files.createTempDirectory("sessionkit-tomcat").toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    // Tomcat's background thread runs inside a context's class loader while it checks it, and an
    // undeploy at that moment is reported as a leak of Tomcat's own thread: turned off here.
    tomcat.getEngine().setBackgroundProcessorDelay(-1);
    tomcat.start();
  }

  @Override
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  /** Tomcat's log lines so far. */
  List<LogRecord> log() {
    return log;
  }

  @Override
  public Deployed deploy(Path war) {
    int before = log.size();
    StandardContext context = new StandardContext();
    context.setName(CONTEXT);
    context.setPath(CONTEXT);
    context.setDocBase(war.toString());
    // The test's own class path holds the same jars; a real Tomcat's holds only Tomcat.
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    context.setJarScanner(scanner);
    ContextConfig config = new ContextConfig();
    config.setDefaultWebXml(org.apache.catalina.startup.Constants.NoDefaultWebXml);
    context.addLifecycleListener(config);
    Host host = tomcat.getHost();
    host.addChild(context);
    Throwable failure = null;
    if (context.getState() != LifecycleState.STARTED) {
      failure = new IllegalStateException("the WAR did not start: " + context.getState());
      for (LogRecord logged : log.subList(before, log.size())) {
        if (logged.getThrown() != null) {
          failure.addSuppressed(logged.getThrown());
        }
      }
    }
    return new Deployed(failure, () -> host.removeChild(context));
  }

  @Override
  public void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    catalina.removeHandler(handler);
  }
}
