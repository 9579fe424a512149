package io.siteassist.server.e2e;

import io.siteassist.server.SiteAssistApplication;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts whole service instances in this JVM, each with its own ports and Axon configuration. */
final class Instances {

  static final String PK = "pk_instances";
  static final String SK = "sk_instances";
  static final String SIGNING_KEY =
      Base64.getEncoder().encodeToString("instances-test-signing-key-of-32-bytes".getBytes());

  private Instances() {}

  /** The arguments of a {@code postgres}-mode instance on the given database. */
  static List<String> postgres(String url, String user) {
    List<String> args = new ArrayList<>(common());
    args.add("--spring.profiles.active=postgres");
    args.add("--spring.datasource.url=" + url);
    args.add("--spring.datasource.username=" + user);
    args.add("--spring.datasource.password=");
    return args;
  }

  static List<String> common() {
    return List.of(
        "--server.port=0",
        "--management.server.port=0",
        "--siteassist.session.signing-key=" + SIGNING_KEY,
        "--siteassist.projects[0].id=instances",
        "--siteassist.projects[0].publishable-keys[0]=" + PK,
        "--siteassist.projects[0].secret-keys[0]=" + SK);
  }

  static ConfigurableApplicationContext start(List<String> args) {
    return new SpringApplicationBuilder(SiteAssistApplication.class)
        .run(args.toArray(String[]::new));
  }

  static ApiClient client(ConfigurableApplicationContext context) {
    return new ApiClient(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }
}
