package dev.sessionkit.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Commits the session before the container can commit the response: on the first byte or character
 * of the body, on flush and close, on {@code sendRedirect} and {@code sendError}, and on a declared
 * content length of zero. Containers commit at different fill levels (Jetty at a quarter of the
 * buffer by default), so the first write is the one portable point that is early enough. Later
 * changes to the session are still committed at the end, and their cookie sent when the response is
 * not yet committed.
 */
final class SessionResponse extends HttpServletResponseWrapper {

  private final RequestBinding binding;
  private boolean bodyStarted;
  private ServletOutputStream stream;
  private PrintWriter writer;

  SessionResponse(HttpServletResponse response, RequestBinding binding) {
    super(response);
    this.binding = binding;
  }

  RequestBinding binding() {
    return binding;
  }

  void commitSession() {
    binding.commit();
  }

  synchronized void beforeBody() {
    if (!bodyStarted) {
      bodyStarted = true;
      binding.commit();
    }
  }

  @Override
  public synchronized ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      stream = new GuardedOutputStream(super.getOutputStream(), this);
    }
    return stream;
  }

  @Override
  public synchronized PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new GuardedWriter(super.getWriter(), this);
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    commitSession();
    super.flushBuffer();
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    commitSession();
    super.sendRedirect(location);
  }

  @Override
  public void sendError(int sc) throws IOException {
    commitSession();
    super.sendError(sc);
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    commitSession();
    super.sendError(sc, msg);
  }

  @Override
  public void setContentLength(int len) {
    beforeLength(len);
    super.setContentLength(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    beforeLength(len);
    super.setContentLengthLong(len);
  }

  @Override
  public void setHeader(String name, String value) {
    beforeLengthHeader(name, value);
    super.setHeader(name, value);
  }

  @Override
  public void addHeader(String name, String value) {
    beforeLengthHeader(name, value);
    super.addHeader(name, value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    beforeLengthHeader(name, Integer.toString(value));
    super.setIntHeader(name, value);
  }

  @Override
  public void addIntHeader(String name, int value) {
    beforeLengthHeader(name, Integer.toString(value));
    super.addIntHeader(name, value);
  }

  @Override
  public synchronized void reset() {
    super.reset();
    bodyStarted = false;
    stream = null;
    writer = null;
    binding.restoreAfterReset();
  }

  // Servlet 6.1 adds these redirects; a 6.1 container's wrapper would send them straight to the
  // wrapped response, past the commit above. Declared without @Override so that this class still
  // compiles against the 6.0 API, and overrides them when run on 6.1.

  /**
   * Commits the session, then redirects (Servlet 6.1).
   *
   * @param location the redirect location
   * @param sc the status code
   * @throws IOException from the container
   */
  public void sendRedirect(String location, int sc) throws IOException {
    sendRedirect(location, sc, true);
  }

  /**
   * Commits the session, then redirects (Servlet 6.1).
   *
   * @param location the redirect location
   * @param clearBuffer whether to clear the buffered body
   * @throws IOException from the container
   */
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    sendRedirect(location, HttpServletResponse.SC_FOUND, clearBuffer);
  }

  /**
   * Commits the session, then redirects (Servlet 6.1).
   *
   * @param location the redirect location
   * @param sc the status code
   * @param clearBuffer whether to clear the buffered body
   * @throws IOException from the container
   */
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    commitSession();
    Servlet61.sendRedirect((HttpServletResponse) getResponse(), location, sc, clearBuffer);
  }

  private void beforeLength(long len) {
    // A zero length is reached at once: the container may commit before any write.
    if (len == 0) {
      commitSession();
    }
  }

  private void beforeLengthHeader(String name, String value) {
    if ("Content-Length".equalsIgnoreCase(name) && value != null && value.trim().equals("0")) {
      commitSession();
    }
  }

  /** The Servlet 6.1 redirect, looked up once; only reached on a 6.1 container. */
  private static final class Servlet61 {
    private static final MethodHandle SEND_REDIRECT = lookup();

    private static MethodHandle lookup() {
      try {
        return MethodHandles.publicLookup()
            .findVirtual(
                HttpServletResponse.class,
                "sendRedirect",
                MethodType.methodType(void.class, String.class, int.class, boolean.class));
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }

    static void sendRedirect(
        HttpServletResponse response, String location, int sc, boolean clearBuffer)
        throws IOException {
      if (SEND_REDIRECT == null) {
        throw new UnsupportedOperationException(
            "sendRedirect(String, int, boolean) needs Servlet 6.1");
      }
      try {
        SEND_REDIRECT.invoke(response, location, sc, clearBuffer);
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("sendRedirect failed", e);
      }
    }
  }
}
