package dev.sessionkit.examples.guide;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.TypeRef;
import dev.sessionkit.examples.guide.Account.User;
import java.util.List;
import java.util.Optional;

/** Attribute types: registered names, generic types and aliases, and reads that use them. */
final class TypedAttributes {

  /** One line of a shopping cart. */
  record Item(String sku, int quantity) {}

  /** An amount of money, stored under any attribute name. */
  record Money(long cents, String currency) {}

  private TypedAttributes() {}

  static SessionConfig config(String secret) {
    SessionConfig config =
        SessionConfig.builder()
            .secret(secret)
            .attributeType("user", User.class) // plain JSON; getAttribute("user") is a User
            .attributeType("cart", new TypeRef<List<Item>>() {}) // generic types too
            .registerType(Money.class, "money") // any attribute; the alias is stored with it
            .build();
    return config;
  }

  /** Writes three attributes and reads them back, as one request would. */
  static String use(Session session) {
    session.set("user", new User("frodo", "reader"));
    session.set("cart", List.of(new Item("ring", 1)));
    session.set("balance", new Money(1250, "EUR"));

    Optional<User> user = session.get("user", User.class); // a typed read names the type
    List<Item> cart = session.get("cart", new TypeRef<List<Item>>() {}).orElse(List.of());
    Money balance = (Money) session.getUntyped("balance"); // what HttpSession.getAttribute gives
    return user.map(User::name).orElse("nobody") + " " + cart + " " + balance;
  }
}
