package io.siteassist.server.config;

import io.siteassist.server.config.SiteAssistProperties.Project;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The configured projects, looked up by id and by key. */
@Component
public class Projects {

  private final List<Project> all;
  private final Map<String, Project> byId = new HashMap<>();
  private final Map<String, Project> byPublishableKey = new HashMap<>();
  private final Map<String, Project> bySecretKey = new HashMap<>();

  public Projects(SiteAssistProperties properties) {
    this.all = List.copyOf(properties.projects());
    for (Project project : all) {
      if (project.id() == null || project.id().isBlank()) {
        throw new IllegalStateException("Every siteassist.projects entry needs an id");
      }
      putUnique(byId, project.id(), project, "project id");
      project.publishableKeys().forEach(k -> putUnique(byPublishableKey, k, project, "key"));
      project.secretKeys().forEach(k -> putUnique(bySecretKey, k, project, "key"));
    }
  }

  private static void putUnique(Map<String, Project> map, String key, Project p, String what) {
    if (map.putIfAbsent(key, p) != null) {
      throw new IllegalStateException("Duplicate " + what + " in siteassist.projects: " + p.id());
    }
  }

  public List<Project> all() {
    return all;
  }

  public Optional<Project> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<Project> byPublishableKey(String key) {
    return Optional.ofNullable(byPublishableKey.get(key));
  }

  public Optional<Project> bySecretKey(String key) {
    return Optional.ofNullable(bySecretKey.get(key));
  }
}
