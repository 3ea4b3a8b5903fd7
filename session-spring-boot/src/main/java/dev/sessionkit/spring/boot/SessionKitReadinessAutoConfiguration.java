package dev.sessionkit.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.context.annotation.Bean;

/**
 * Puts the {@code sessionkit} health component in the {@code readiness} group, so that {@code
 * /actuator/health/readiness} goes DOWN when the session store stops answering and an orchestrator
 * stops sending the node traffic. Off with {@code sessionkit.health.readiness=false}. Ordered after
 * Boot's availability probes, which make the group.
 */
@AutoConfiguration(
    after = SessionKitHealthAutoConfiguration.class,
    afterName =
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass({HealthEndpointGroupsPostProcessor.class, SecurityContext.class})
@ConditionalOnBean(name = "sessionkitHealthIndicator")
@ConditionalOnProperty(prefix = "sessionkit.health", name = "readiness", matchIfMissing = true)
public class SessionKitReadinessAutoConfiguration {

  /** The health group that says whether a node may take traffic. */
  static final String READINESS = "readiness";

  /** The store's health component. */
  static final String COMPONENT = "sessionkit";

  /** Creates the auto-configuration; Spring calls it. */
  public SessionKitReadinessAutoConfiguration() {}

  /**
   * Adds the store's health to the readiness group, when there is one.
   *
   * @return the post-processor
   */
  @Bean
  public HealthEndpointGroupsPostProcessor sessionKitReadinessGroup() {
    return SessionKitReadinessAutoConfiguration::withStore;
  }

  static HealthEndpointGroups withStore(HealthEndpointGroups groups) {
    HealthEndpointGroup readiness = groups.get(READINESS);
    if (readiness == null || readiness.isMember(COMPONENT)) {
      return groups;
    }
    Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
    for (String name : groups.getNames()) {
      all.put(name, groups.get(name));
    }
    all.put(READINESS, new WithStore(readiness));
    return HealthEndpointGroups.of(groups.getPrimary(), all);
  }

  /** A group with the store's component added to its members. */
  private record WithStore(HealthEndpointGroup group) implements HealthEndpointGroup {

    @Override
    public boolean isMember(String name) {
      return COMPONENT.equals(name) || group.isMember(name);
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
      return group.showComponents(securityContext);
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
      return group.showDetails(securityContext);
    }

    @Override
    public StatusAggregator getStatusAggregator() {
      return group.getStatusAggregator();
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
      return group.getHttpCodeStatusMapper();
    }

    @Override
    public AdditionalHealthEndpointPath getAdditionalPath() {
      return group.getAdditionalPath();
    }
  }
}
