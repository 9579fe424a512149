package io.siteassist.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The SiteAssist conversation service: the HTTP edge over the command and query sides. Which sides
 * run in this process is decided by {@code siteassist.roles} ({@link
 * io.siteassist.server.config.RolesConfig}).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class SiteAssistApplication {

  public static void main(String[] args) {
    // Axon's update checker reports usage to AxonIQ over the internet; the service starts and runs
    // without calling third parties unless an operator opts in by setting the property to false.
    if (System.getProperty("axoniq.update-checker.disabled") == null) {
      System.setProperty("axoniq.update-checker.disabled", "true");
    }
    SpringApplication.run(SiteAssistApplication.class, args);
  }
}
