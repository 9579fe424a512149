package io.siteassist.server.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Prints the projects and their keys in embedded mode, so a local user can start calling. */
@Component
@Profile("embedded")
class EmbeddedModeBanner implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedModeBanner.class);

  private final Projects projects;

  EmbeddedModeBanner(Projects projects) {
    this.projects = projects;
  }

  @Override
  public void run(ApplicationArguments args) {
    projects
        .all()
        .forEach(
            p ->
                log.info(
                    "Project '{}' ({}): publishable keys {}, secret keys {}",
                    p.id(),
                    p.plan(),
                    p.publishableKeys(),
                    p.secretKeys()));
  }
}
