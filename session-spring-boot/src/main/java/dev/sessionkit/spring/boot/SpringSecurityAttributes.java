package dev.sessionkit.spring.boot;

import java.util.List;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.SavedRequest;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Registers the attributes Spring Security keeps in the {@code HttpSession}, so that its stock form
 * login, CSRF protection and saved requests work on SessionKit's sessions: the security context,
 * the saved request and the CSRF token are written by a second mapper carrying Spring Security's
 * own Jackson modules ({@link SecurityJacksonModules}: type ids checked against its allow-list),
 * and the last authentication error is kept as its class name and message only. Every other
 * attribute stays plain JSON: the session's own mapper never has default typing.
 */
final class SpringSecurityAttributes {

  /** The attribute HttpSessionCsrfTokenRepository uses by default. */
  static final String CSRF_TOKEN =
      HttpSessionCsrfTokenRepository.class.getName().concat(".CSRF_TOKEN");

  private SpringSecurityAttributes() {}

  static SessionKitConfigCustomizer customizer(ClassLoader loader) {
    JsonMapper security =
        JsonMapper.builder().addModules(SecurityJacksonModules.getModules(loader)).build();
    SimpleModule module = new SimpleModule("sessionkit-spring-security");
    delegate(module, security, SecurityContext.class);
    delegate(module, security, SavedRequest.class);
    delegate(module, security, CsrfToken.class);
    module.addSerializer(AuthenticationException.class, new ErrorSerializer());
    module.addDeserializer(AuthenticationException.class, new ErrorDeserializer());
    JsonMapper mapper = JsonMapper.builder().addModule(module).build();
    return config ->
        config
            .jsonMapper(mapper)
            .attributeType(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                SecurityContext.class)
            .attributeType("SPRING_SECURITY_SAVED_REQUEST", SavedRequest.class)
            .attributeType(CSRF_TOKEN, CsrfToken.class)
            .attributeType(WebAttributes.AUTHENTICATION_EXCEPTION, AuthenticationException.class);
  }

  private static <T> void delegate(SimpleModule module, JsonMapper security, Class<T> type) {
    module.addSerializer(
        type,
        new ValueSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializationContext context) {
            gen.writeTree(security.readTree(security.writeValueAsString(value)));
          }
        });
    module.addDeserializer(
        type,
        new ValueDeserializer<T>() {
          @Override
          public T deserialize(JsonParser parser, DeserializationContext context) {
            JsonNode tree = context.readTree(parser);
            return security.readValue(tree.toString(), type);
          }
        });
  }

  /** Writes an authentication error as its simple class name and message: no stack, no cause. */
  private static final class ErrorSerializer extends ValueSerializer<AuthenticationException> {
    @Override
    public void serialize(
        AuthenticationException value, JsonGenerator gen, SerializationContext context) {
      gen.writeStartObject();
      gen.writeStringProperty("type", value.getClass().getSimpleName());
      gen.writeStringProperty("message", value.getMessage());
      gen.writeEndObject();
    }
  }

  private static final class ErrorDeserializer extends ValueDeserializer<AuthenticationException> {
    @Override
    public AuthenticationException deserialize(JsonParser parser, DeserializationContext context) {
      JsonNode tree = context.readTree(parser);
      return new StoredAuthenticationException(
          tree.path("type").asString("AuthenticationException"), tree.path("message").asString(""));
    }
  }

  /**
   * An authentication error read back from the session: the message a login page shows, and the
   * simple name of the class that was thrown.
   */
  static final class StoredAuthenticationException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    private final String type;

    StoredAuthenticationException(String type, String message) {
      super(message);
      this.type = type;
    }

    String type() {
      return type;
    }
  }

  static List<String> names() {
    return List.of(
        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
        "SPRING_SECURITY_SAVED_REQUEST",
        CSRF_TOKEN,
        WebAttributes.AUTHENTICATION_EXCEPTION);
  }
}
