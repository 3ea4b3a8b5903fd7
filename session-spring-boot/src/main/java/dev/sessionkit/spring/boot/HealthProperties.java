package dev.sessionkit.spring.boot;

/** {@code sessionkit.health.*}: the session store's place in Actuator's health groups. */
public class HealthProperties {

  /** Creates the settings with their defaults; Spring binds them. */
  public HealthProperties() {}

  /**
   * Whether the sessionkit health component is a member of the readiness group
   * (/actuator/health/readiness), so that a node whose store stops answering is taken out of
   * traffic. Off leaves the readiness group as Spring Boot makes it.
   */
  private boolean readiness = true;

  /**
   * Returns whether the store's health joins the readiness group.
   *
   * @return the switch
   */
  public boolean isReadiness() {
    return readiness;
  }

  /**
   * Sets whether the store's health joins the readiness group.
   *
   * @param readiness the switch
   */
  public void setReadiness(boolean readiness) {
    this.readiness = readiness;
  }
}
