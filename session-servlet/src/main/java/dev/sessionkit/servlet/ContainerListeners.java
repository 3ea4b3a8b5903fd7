package dev.sessionkit.servlet;

import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EventListener;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Finds the listeners the application registered with its container (annotations, {@code web.xml},
 * {@code ServletContext.addListener}). The servlet API has no way to list them, so this asks the
 * two containers the module is tested in, each through the one object that holds them: Jetty 12's
 * {@code ServletContextHandler.getServletContextHandler(context).getEventListeners()} (public API),
 * and Tomcat's {@code StandardContext} behind the {@code ServletContext} facade (its {@code
 * getApplicationEventListeners()} and {@code getApplicationLifecycleListeners()}, reached through
 * the facade's private fields). Listeners in the servlet-context attribute {@value
 * SessionFilter#LISTENERS_ATTRIBUTE} are added, for other containers.
 */
final class ContainerListeners {

  private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());

  private ContainerListeners() {}

  /**
   * Returns every listener found, each once.
   *
   * @param context the application's servlet context, once its listeners are registered (at a
   *     filter's {@code init})
   * @return the listeners, of any type; the caller picks the ones it serves
   */
  static List<EventListener> of(ServletContext context) {
    Set<EventListener> found = Collections.newSetFromMap(new IdentityHashMap<>());
    List<EventListener> ordered = new ArrayList<>();
    List<Object> candidates = new ArrayList<>();
    boolean known = fromJetty(context, candidates) || fromTomcat(context, candidates);
    if (context.getAttribute(SessionFilter.LISTENERS_ATTRIBUTE) instanceof Collection<?> given) {
      candidates.addAll(given);
    } else if (!known) {
      LOG.log(
          Level.INFO,
          "the session listeners registered with {0} cannot be listed: put the ones that should"
              + " hear SessionKit sessions in the servlet-context attribute {1}",
          context.getClass().getName(),
          SessionFilter.LISTENERS_ATTRIBUTE);
    }
    for (Object candidate : candidates) {
      if (candidate instanceof EventListener l && found.add(l)) {
        ordered.add(l);
      }
    }
    return ordered;
  }

  /** Jetty 12 (ee10, ee11): the context is an inner class of its {@code ServletContextHandler}. */
  private static boolean fromJetty(ServletContext context, List<Object> into) {
    Class<?> handlerType = context.getClass().getEnclosingClass();
    if (handlerType == null || !handlerType.getName().startsWith("org.eclipse.jetty.")) {
      return false;
    }
    try {
      Method find = handlerType.getMethod("getServletContextHandler", ServletContext.class);
      if (!Modifier.isStatic(find.getModifiers())) {
        return false;
      }
      Object handler = find.invoke(null, context);
      if (handler == null) {
        return false;
      }
      into.addAll(
          (Collection<?>) handler.getClass().getMethod("getEventListeners").invoke(handler));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.DEBUG, "Jetty's listeners could not be listed", e);
      return false;
    }
  }

  /** Tomcat: facade → {@code ApplicationContext} → {@code StandardContext}. */
  private static boolean fromTomcat(ServletContext context, List<Object> into) {
    if (!context.getClass().getName().equals("org.apache.catalina.core.ApplicationContextFacade")) {
      return false;
    }
    try {
      Object application = field(context, "context");
      Object standard = field(application, "context");
      for (String getter :
          new String[] {"getApplicationEventListeners", "getApplicationLifecycleListeners"}) {
        Object[] listeners = (Object[]) standard.getClass().getMethod(getter).invoke(standard);
        if (listeners != null) {
          Collections.addAll(into, listeners);
        }
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.DEBUG, "Tomcat's listeners could not be listed", e);
      return false;
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }
}
