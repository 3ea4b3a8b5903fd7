package dev.sessionkit.servlet;

import dev.sessionkit.Session;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application under test: one servlet mapped to {@code /*} whose second path segment picks a
 * scenario, so that every filter chain ({@code /app}, {@code /failing}, {@code /proxied}) runs the
 * same code.
 */
final class Scenarios extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** How often the code behind {@code RequireSession} ran. */
  final AtomicInteger protectedCalls = new AtomicInteger();

  /** What {@code /hold} waits for after its whole answer went out; a test replaces it. */
  volatile CountDownLatch release = new CountDownLatch(0);

  /**
   * Counted down by {@link #whenDone()} once a {@code /hold} request, filters and all, has ended.
   */
  volatile CountDownLatch held = new CountDownLatch(0);

  /** A filter, outside the session filter, that marks the end of a request for {@link #held}. */
  Filter whenDone() {
    return (request, response, chain) -> {
      try {
        chain.doFilter(request, response);
      } finally {
        held.countDown();
      }
    };
  }

  record User(String name, int level) {}

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getRequestURI();
    int second = path.indexOf('/', 1);
    String prefix = path.substring(0, second);
    String scenario = path.substring(second);
    resp.setContentType("text/plain;charset=UTF-8");
    switch (scenario) {
      case "/plain" -> resp.getWriter().write("plain");
      case "/save-early" -> {
        Session s = Sessions.of(req);
        s.set("step", "saved before the stream");
        Sessions.save(req);
        // The store holds it already: a parallel request would see it before this one ends.
        resp.getWriter().write(Sessions.current(req).isPresent() ? "streaming" : "lost");
        s.set("after", "written at the end");
      }
      case "/counter" -> {
        HttpSession s = req.getSession();
        Object n = s.getAttribute("n");
        int next = n == null ? 1 : ((Integer) n) + 1;
        s.setAttribute("n", next);
        resp.getWriter().write(Integer.toString(next));
      }
      case "/late-counter" -> {
        // The response goes out before the session is first asked for: no cookie can follow it.
        resp.getWriter().write("sent");
        resp.flushBuffer();
        HttpSession s = req.getSession();
        Object n = s.getAttribute("n");
        s.setAttribute("n", n == null ? 1 : ((Integer) n) + 1);
      }
      case "/hold" -> {
        HttpSession s = req.getSession();
        Object n = s.getAttribute("n");
        s.setAttribute("n", n == null ? 1 : ((Integer) n) + 1);
        byte[] body = "held".getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
        resp.flushBuffer();
        // The client has the whole answer; the request (and its last commit) ends when released.
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      case "/peek" -> {
        Optional<Session> s = Sessions.current(req);
        resp.getWriter()
            .write(
                s.map(x -> x.attributeNames().stream().sorted().map(a -> a + "=" + x.getUntyped(a)))
                    .map(st -> String.join(",", st.toList()))
                    .orElse("none"));
      }
      case "/login" -> {
        HttpSession s = req.getSession();
        s.setAttribute("user", "frodo");
        Sessions.of(req).setPrincipal("frodo");
        req.changeSessionId();
        resp.getWriter().write("ok");
      }
      case "/logout" -> {
        HttpSession s = req.getSession(false);
        if (s != null) {
          s.invalidate();
        }
        resp.getWriter().write("bye");
      }
      case "/redirect" -> {
        req.getSession().setAttribute("via", "redirect");
        resp.sendRedirect(prefix + "/peek");
      }
      case "/redirect303" -> {
        req.getSession().setAttribute("via", "redirect303");
        resp.sendRedirect(prefix + "/peek", 303);
      }
      case "/error" -> {
        req.getSession().setAttribute("via", "error");
        resp.sendError(409);
      }
      case "/flush" -> {
        req.getSession().setAttribute("via", "flush");
        resp.flushBuffer();
        resp.getWriter().write("flushed");
      }
      case "/length" -> {
        req.getSession().setAttribute("via", "length");
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
        // Past the declared length the response is complete; this still reaches the store.
        req.getSession().setAttribute("after", true);
      }
      case "/big-writer" -> {
        req.getSession().setAttribute("via", "big-writer");
        PrintWriter w = resp.getWriter();
        char[] line = new char[63];
        Arrays.fill(line, 'w');
        for (int i = 0; i < 3 * resp.getBufferSize() / 64; i++) {
          w.println(line);
        }
      }
      case "/big-stream" -> {
        req.getSession().setAttribute("via", "big-stream");
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 's');
        for (int i = 0; i < 3 * resp.getBufferSize() / 1024; i++) {
          resp.getOutputStream().write(chunk);
        }
      }
      case "/async" -> {
        AsyncContext ac = req.startAsync();
        ac.start(
            () -> {
              Sessions.of((HttpServletRequest) ac.getRequest()).set("via", "async");
              ac.complete();
            });
      }
      case "/async-write" -> {
        AsyncContext ac = req.startAsync();
        ac.start(
            () -> {
              try {
                Sessions.of((HttpServletRequest) ac.getRequest()).set("via", "async-write");
                ac.getResponse().getWriter().write("async");
              } catch (IOException e) {
                throw new IllegalStateException(e);
              } finally {
                ac.complete();
              }
            });
      }
      case "/async-dispatch" -> req.startAsync().dispatch(prefix + "/counter");
      case "/reset" -> {
        req.getSession().setAttribute("via", "reset");
        resp.getWriter().write("discarded");
        resp.reset();
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write("after reset");
      }
      case "/app-cookie" -> {
        resp.addCookie(new Cookie("theme", "dark"));
        req.getSession().setAttribute("via", "app-cookie");
        resp.getWriter().write("two cookies");
      }
      case "/info" -> {
        HttpSession s = req.getSession();
        String max = req.getParameter("max");
        if (max != null) {
          s.setMaxInactiveInterval(Integer.parseInt(max));
        }
        resp.getWriter()
            .write(
                "new="
                    + s.isNew()
                    + ",created="
                    + s.getCreationTime()
                    + ",accessed="
                    + s.getLastAccessedTime()
                    + ",max="
                    + s.getMaxInactiveInterval()
                    + ",valid="
                    + req.isRequestedSessionIdValid()
                    + ",fromCookie="
                    + req.isRequestedSessionIdFromCookie()
                    + ",sameId="
                    + s.getId().equals(req.getRequestedSessionId()));
      }
      case "/typed" -> {
        Session s = Sessions.of(req);
        String name = req.getParameter("name");
        if (name != null) {
          s.set("user", new User(name, 3));
        }
        resp.getWriter().write(s.get("user", User.class).map(User::toString).orElse("no user"));
      }
      case "/huge" -> {
        // Random text does not compress: far more than a sealed cookie can carry.
        byte[] noise = new byte[6000];
        new java.security.SecureRandom().nextBytes(noise);
        Sessions.of(req).set("blob", java.util.Base64.getEncoder().encodeToString(noise));
        resp.getWriter().write("stored");
      }
      default -> {
        if (scenario.startsWith("/protected/") || scenario.startsWith("/custom/")) {
          protectedCalls.incrementAndGet();
          resp.getWriter().write("secret");
        } else {
          resp.sendError(404);
        }
      }
    }
  }
}
