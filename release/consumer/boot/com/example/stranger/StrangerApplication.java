package com.example.stranger;

import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The smallest Boot application on the starter: a visit counter in the HTTP session. */
@SpringBootApplication
@RestController
public class StrangerApplication {

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(StrangerApplication.class, args);
  }

  /** Counts this session's visits. */
  @GetMapping("/visits")
  public String visits(HttpSession session) {
    Object previous = session.getAttribute("visits");
    int visits = previous == null ? 1 : Integer.parseInt(previous.toString()) + 1;
    session.setAttribute("visits", Integer.toString(visits));
    return "visits=" + visits;
  }
}
