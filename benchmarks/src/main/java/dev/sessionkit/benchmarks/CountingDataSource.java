package dev.sessionkit.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Wraps a {@link DataSource} to count what its users send: statements executed, and commits and
 * rollbacks. Each of these is one round trip to the database, so their sum per operation is the
 * operation's round trips (a statement inside an explicit transaction carries its {@code BEGIN}).
 */
final class CountingDataSource {

  private final DataSource target;
  private final LongAdder statements = new LongAdder();
  private final LongAdder transactionEnds = new LongAdder();

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  DataSource dataSource() {
    return proxy(DataSource.class, target, this::onDataSource);
  }

  long statements() {
    return statements.sum();
  }

  long transactionEnds() {
    return transactionEnds.sum();
  }

  private Object onDataSource(Object target, Method method, Object[] args) throws Throwable {
    Object result = invoke(target, method, args);
    if (result instanceof Connection connection && method.getName().equals("getConnection")) {
      return proxy(Connection.class, connection, this::onConnection);
    }
    return result;
  }

  private Object onConnection(Object target, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("commit") || name.equals("rollback")) {
      transactionEnds.increment();
    }
    Object result = invoke(target, method, args);
    if (result instanceof CallableStatement statement) {
      return proxy(CallableStatement.class, statement, this::onStatement);
    }
    if (result instanceof PreparedStatement statement) {
      return proxy(PreparedStatement.class, statement, this::onStatement);
    }
    if (result instanceof Statement statement) {
      return proxy(Statement.class, statement, this::onStatement);
    }
    return result;
  }

  private Object onStatement(Object target, Method method, Object[] args) throws Throwable {
    if (method.getName().startsWith("execute")) {
      statements.increment();
    }
    return invoke(target, method, args);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A call on a wrapped object, given the object it wraps. */
  private interface Handler {
    Object handle(Object target, Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Handler handler) {
    InvocationHandler h = (proxy, method, args) -> handler.handle(target, method, args);
    return type.cast(
        Proxy.newProxyInstance(
            CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, h));
  }
}
