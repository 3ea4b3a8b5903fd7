package dev.sessionkit.servlet;

import dev.sessionkit.SessionStoreException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The async context handed to the application: {@link #complete()} commits the session before the
 * container completes the response. A listener commits on timeout and error too, and makes a last
 * store-only commit when the request is done.
 */
final class CommittingAsyncContext implements AsyncContext {

  private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());

  private final AsyncContext delegate;
  private final RequestBinding binding;

  CommittingAsyncContext(AsyncContext delegate, RequestBinding binding) {
    this.delegate = delegate;
    this.binding = binding;
  }

  boolean wraps(AsyncContext context) {
    return delegate == context;
  }

  @Override
  public void complete() {
    try {
      binding.commit();
    } catch (SessionStoreException e) {
      try {
        binding.fail(e);
      } catch (IOException | ServletException | RuntimeException handlerFailed) {
        LOG.log(Level.WARNING, "the store failure handler failed", handlerFailed);
      }
    }
    delegate.complete();
  }

  AsyncListener listener() {
    return new AsyncListener() {
      @Override
      public void onComplete(AsyncEvent event) {
        commitQuietly();
      }

      @Override
      public void onTimeout(AsyncEvent event) {
        commitQuietly();
      }

      @Override
      public void onError(AsyncEvent event) {
        commitQuietly();
      }

      @Override
      public void onStartAsync(AsyncEvent event) {
        // A new cycle on the same request: the hooks of this context stay in place.
        event.getAsyncContext().addListener(this);
      }
    };
  }

  private void commitQuietly() {
    try {
      binding.commit();
    } catch (SessionStoreException e) {
      LOG.log(Level.WARNING, "session store failed while an async request ended", e);
    }
  }

  @Override
  public ServletRequest getRequest() {
    return delegate.getRequest();
  }

  @Override
  public ServletResponse getResponse() {
    return delegate.getResponse();
  }

  @Override
  public boolean hasOriginalRequestAndResponse() {
    return delegate.hasOriginalRequestAndResponse();
  }

  @Override
  public void dispatch() {
    delegate.dispatch();
  }

  @Override
  public void dispatch(String path) {
    delegate.dispatch(path);
  }

  @Override
  public void dispatch(ServletContext context, String path) {
    delegate.dispatch(context, path);
  }

  @Override
  public void start(Runnable run) {
    delegate.start(run);
  }

  @Override
  public void addListener(AsyncListener listener) {
    delegate.addListener(listener);
  }

  @Override
  public void addListener(
      AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
    delegate.addListener(listener, servletRequest, servletResponse);
  }

  @Override
  public <T extends AsyncListener> T createListener(Class<T> clazz) throws ServletException {
    return delegate.createListener(clazz);
  }

  @Override
  public void setTimeout(long timeout) {
    delegate.setTimeout(timeout);
  }

  @Override
  public long getTimeout() {
    return delegate.getTimeout();
  }
}
