package dev.sessionkit.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** The response body stream: commits the session before the first byte, a flush or close. */
final class GuardedOutputStream extends ServletOutputStream {

  private final ServletOutputStream delegate;
  private final SessionResponse response;

  GuardedOutputStream(ServletOutputStream delegate, SessionResponse response) {
    this.delegate = delegate;
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    response.beforeBody();
    delegate.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len > 0) {
      response.beforeBody();
    }
    delegate.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    response.commitSession();
    delegate.flush();
  }

  @Override
  public void close() throws IOException {
    response.commitSession();
    delegate.close();
  }

  @Override
  public boolean isReady() {
    return delegate.isReady();
  }

  @Override
  public void setWriteListener(WriteListener writeListener) {
    delegate.setWriteListener(writeListener);
  }
}
