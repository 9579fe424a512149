package io.siteassist.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The SiteAssist conversation service: the HTTP edge over the command and query sides. */
@SpringBootApplication(
    scanBasePackages = "io.siteassist",
    exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class SiteAssistApplication {

  public static void main(String[] args) {
    SpringApplication.run(SiteAssistApplication.class, args);
  }
}
