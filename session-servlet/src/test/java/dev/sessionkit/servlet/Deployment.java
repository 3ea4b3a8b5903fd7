package dev.sessionkit.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextListener;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Map;

/** A container-neutral description of a test web app, which each container deploys its own way. */
final class Deployment {

  /** A filter given as an instance (registered in code) or a class (declared as in web.xml). */
  record FilterSpec(
      String name,
      Filter instance,
      Class<? extends Filter> type,
      Map<String, String> initParams,
      String pattern) {}

  record ServletSpec(String name, Servlet servlet, String pattern) {}

  final List<ServletContextListener> listeners = new ArrayList<>();
  // Registered the standard way: ServletContext.addListener, from a ServletContainerInitializer.
  final List<EventListener> sessionListeners = new ArrayList<>();
  final List<FilterSpec> filters = new ArrayList<>();
  final List<ServletSpec> servlets = new ArrayList<>();

  Deployment listener(ServletContextListener listener) {
    listeners.add(listener);
    return this;
  }

  Deployment sessionListener(EventListener listener) {
    sessionListeners.add(listener);
    return this;
  }

  /** What registers {@link #sessionListeners} as an application would, at start-up. */
  ServletContainerInitializer registersSessionListeners() {
    return (classes, context) -> sessionListeners.forEach(context::addListener);
  }

  Deployment filter(String name, Filter filter, String pattern) {
    filters.add(new FilterSpec(name, filter, null, Map.of(), pattern));
    return this;
  }

  Deployment declaredFilter(
      String name, Class<? extends Filter> type, Map<String, String> initParams, String pattern) {
    filters.add(new FilterSpec(name, null, type, initParams, pattern));
    return this;
  }

  Deployment servlet(String name, Servlet servlet, String pattern) {
    servlets.add(new ServletSpec(name, servlet, pattern));
    return this;
  }

  /** A deployed app on a local port. */
  interface Running extends AutoCloseable {
    int port();

    @Override
    void close();
  }
}
