package dev.sessionkit.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A data source that records every statement execution made through it (each {@code execute*} call
 * on a statement it handed out), so that tests can count round trips per store operation.
 */
final class CountingDataSource {

  private final DataSource target;
  private final List<String> executed = new ArrayList<>();

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  /** The wrapping data source to give the store. */
  DataSource dataSource() {
    return proxy(
        DataSource.class,
        (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          return result instanceof Connection c ? connection(c) : result;
        });
  }

  /** Runs an action and returns the SQL of the statements it executed. */
  List<String> during(Runnable action) {
    synchronized (executed) {
      executed.clear();
    }
    action.run();
    synchronized (executed) {
      return List.copyOf(executed);
    }
  }

  private Connection connection(Connection connection) {
    return proxy(
        Connection.class,
        (proxy, method, args) -> {
          Object result = invoke(connection, method, args);
          if (result instanceof Statement statement) {
            String sql = args != null && args.length > 0 ? String.valueOf(args[0]) : null;
            return statement(statement, sql);
          }
          return result;
        });
  }

  private Object statement(Statement statement, String preparedSql) {
    Class<? extends Statement> type =
        statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    return proxy(
        type,
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            String sql = args != null && args.length > 0 ? String.valueOf(args[0]) : preparedSql;
            synchronized (executed) {
              executed.add(sql);
            }
          }
          return invoke(statement, method, args);
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T)
        Proxy.newProxyInstance(
            CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
