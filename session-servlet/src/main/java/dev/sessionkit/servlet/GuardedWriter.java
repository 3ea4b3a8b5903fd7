package dev.sessionkit.servlet;

import java.io.PrintWriter;

/**
 * The response body writer: commits the session before the first character, a flush or close. Every
 * {@code print}, {@code println}, {@code format} and {@code append} of {@link PrintWriter} ends in
 * one of the methods overridden here.
 */
final class GuardedWriter extends PrintWriter {

  private final PrintWriter delegate;
  private final SessionResponse response;

  GuardedWriter(PrintWriter delegate, SessionResponse response) {
    super(delegate);
    this.delegate = delegate;
    this.response = response;
  }

  @Override
  public void write(int c) {
    response.beforeBody();
    delegate.write(c);
  }

  @Override
  public void write(char[] buf, int off, int len) {
    if (len > 0) {
      response.beforeBody();
    }
    delegate.write(buf, off, len);
  }

  @Override
  public void write(String s, int off, int len) {
    if (len > 0) {
      response.beforeBody();
    }
    delegate.write(s, off, len);
  }

  @Override
  public void println() {
    // PrintWriter writes the line separator straight to the delegate; route it through write.
    write(System.lineSeparator());
  }

  @Override
  public void flush() {
    response.commitSession();
    delegate.flush();
  }

  @Override
  public void close() {
    response.commitSession();
    delegate.close();
  }

  @Override
  public boolean checkError() {
    return delegate.checkError();
  }
}
