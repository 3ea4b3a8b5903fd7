package dev.sessionkit.servlet;

import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The {@link SessionFilter} that {@link SessionKitSetup} registers: its init-params are read (and
 * checked) at init, and the filter itself is made once the engine is built, which is at deploy
 * unless the store could not be built then. Until then each request is answered by the filter's
 * {@link StoreFailureHandler} (503 JSON by default).
 */
final class WarFilter implements Filter {

  private final StoreStart start;
  private FilterConfig config;
  private FilterOptions options;
  private volatile SessionFilter delegate;

  WarFilter(StoreStart start) {
    this.start = start;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    this.config = config;
    options = FilterOptions.fromInitParams(config, null);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    SessionFilter filter = delegate();
    if (filter != null) {
      filter.doFilter(request, response, chain);
    } else if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse httpResponse) {
      options
          .onStoreFailure()
          .handle(http, httpResponse, new SessionStoreException("the session store is not built"));
    } else {
      chain.doFilter(request, response);
    }
  }

  private SessionFilter delegate() throws ServletException {
    SessionFilter current = delegate;
    if (current != null) {
      return current;
    }
    SessionManager manager = start.manager();
    if (manager == null) {
      return null;
    }
    synchronized (this) {
      if (delegate == null) {
        SessionFilter made = new SessionFilter(options.withManager(manager));
        // Its init reads no init-params (the options are given) but connects the container's
        // session listeners to the engine's events.
        made.init(config);
        delegate = made;
      }
      return delegate;
    }
  }

  @Override
  public void destroy() {
    SessionFilter current = delegate;
    if (current != null) {
      current.destroy();
    }
  }
}
