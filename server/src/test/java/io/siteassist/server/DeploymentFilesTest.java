package io.siteassist.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a user of {@code docker compose up --build} relies on: Axon Server, PostgreSQL, a command
 * node and a query node, started in order, healthy, on ports that do not clash, with state on named
 * volumes, built from this repository into an image that runs as a non-root user. No Spring
 * context: the files are read as they are.
 */
class DeploymentFilesTest {

  private static final List<String> SERVICES =
      List.of("axonserver", "postgres", "command", "query");
  private static final List<String> APP_NODES = List.of("command", "query");
  private static final Pattern INTERPOLATION =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  private static Path root;
  private static Map<String, Object> compose;

  @BeforeAll
  static void read_the_compose_file() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    root = Files.exists(here.resolve("docker-compose.yml")) ? here : here.getParent();
    Path file = root.resolve("docker-compose.yml");
    assertThat(file).as("docker-compose.yml at the repository root").exists();
    compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
  }

  @Test
  void the_four_services_are_defined_with_no_obsolete_version_key() {
    assertThat(services()).containsKeys(SERVICES.toArray(String[]::new));
    assertThat(compose)
        .as("the Compose spec has no top-level version")
        .doesNotContainKey("version");
  }

  @Test
  void axon_server_is_a_pinned_2025_image_in_standalone_dev_mode() {
    String image = string(service("axonserver").get("image"));
    assertThat(image).startsWith("axoniq/axonserver:");
    String tag = image.substring(image.lastIndexOf(':') + 1);
    assertThat(tag).as("a pinned tag").isNotBlank().isNotEqualToIgnoringCase("latest");
    assertThat(tag).as("a 2025.x server for connector 2025.2.1").startsWith("2025.");

    Map<String, String> env = environment("axonserver");
    assertThat(env)
        .containsEntry("AXONIQ_AXONSERVER_STANDALONE", "true")
        .containsEntry("AXONIQ_AXONSERVER_DEVMODE_ENABLED", "true")
        .containsEntry("AXONIQ_AXONSERVER_HOSTNAME", "axonserver");
    assertThat(hostPortsOf("axonserver").keySet()).contains(8024, 8124);
  }

  @Test
  void postgres_is_version_15_with_the_database_the_nodes_use() {
    assertThat(string(service("postgres").get("image"))).isEqualTo("postgres:15");
    Map<String, String> env = environment("postgres");
    assertThat(env)
        .containsEntry("POSTGRES_DB", "siteassist")
        .containsEntry("POSTGRES_USER", "postgres")
        .containsKey("POSTGRES_PASSWORD");
    for (String node : APP_NODES) {
      assertThat(environment(node))
          .as(node)
          .containsEntry("SITEASSIST_DB_USER", env.get("POSTGRES_USER"))
          .containsEntry("SITEASSIST_DB_PASSWORD", env.get("POSTGRES_PASSWORD"));
    }
  }

  @Test
  void the_command_node_has_the_command_role_and_the_query_node_the_query_role() {
    assertThat(environment("command")).containsEntry("SITEASSIST_ROLES", "command");
    assertThat(environment("query")).containsEntry("SITEASSIST_ROLES", "query");
    assertThat(environment("command").get("AXON_AXONSERVER_COMPONENTNAME"))
        .isNotBlank()
        .isNotEqualTo(environment("query").get("AXON_AXONSERVER_COMPONENTNAME"));
  }

  @Test
  void both_nodes_use_the_axonserver_profile_axon_server_and_the_postgres_service() {
    for (String node : APP_NODES) {
      Map<String, String> env = environment(node);
      assertThat(Arrays.asList(env.getOrDefault("SPRING_PROFILES_ACTIVE", "").split(",")))
          .as("%s profiles", node)
          .contains("axonserver");
      assertThat(env).as(node).containsEntry("AXON_SERVER_ADDRESS", "axonserver:8124");
      assertThat(env.get("SITEASSIST_DB_URL"))
          .as("%s database", node)
          .isEqualTo("jdbc:postgresql://postgres:5432/siteassist");
    }
  }

  @Test
  void both_nodes_share_the_demo_project_and_one_session_signing_key() {
    Map<String, String> command = environment("command");
    Map<String, String> query = environment("query");
    for (String key :
        List.of(
            "SITEASSIST_PROJECTS_0_ID",
            "SITEASSIST_PROJECTS_0_PUBLISHABLEKEYS_0",
            "SITEASSIST_PROJECTS_0_SECRETKEYS_0",
            "SITEASSIST_SESSION_SIGNINGKEY")) {
      assertThat(command.get(key)).as(key).isNotBlank().isEqualTo(query.get(key));
    }
    assertThat(command)
        .containsEntry("SITEASSIST_PROJECTS_0_ID", "demo")
        .containsEntry("SITEASSIST_PROJECTS_0_PUBLISHABLEKEYS_0", "pk_demo_compose_key")
        .containsEntry("SITEASSIST_PROJECTS_0_SECRETKEYS_0", "sk_demo_compose_key");

    String signingKey = interpolate(command.get("SITEASSIST_SESSION_SIGNINGKEY"));
    assertThat(Base64.getDecoder().decode(signingKey))
        .as("the session signing key, base64 of at least 32 bytes")
        .hasSizeGreaterThanOrEqualTo(32);
  }

  @Test
  void both_nodes_publish_the_api_port_8080_on_different_host_ports() {
    Integer commandHost = hostPortFor("command", 8080);
    Integer queryHost = hostPortFor("query", 8080);
    assertThat(commandHost).as("command node's host port for 8080").isEqualTo(8080);
    assertThat(queryHost).as("query node's host port for 8080").isNotNull().isNotEqualTo(8080);

    List<Integer> allHostPorts = new ArrayList<>();
    SERVICES.forEach(s -> allHostPorts.addAll(hostPortsOf(s).values()));
    assertThat(allHostPorts).as("no two services claim one host port").doesNotHaveDuplicates();
  }

  @Test
  void every_service_has_a_health_check() {
    for (String name : SERVICES) {
      Map<String, Object> healthcheck = map(service(name).get("healthcheck"));
      assertThat(healthcheck).as("%s healthcheck", name).isNotNull();
      assertThat(healthcheck.get("disable")).as("%s healthcheck disabled", name).isNotEqualTo(true);
      assertThat(healthcheck.get("test")).as("%s healthcheck test", name).isNotNull();
    }
    for (String node : APP_NODES) {
      assertThat(String.valueOf(service(node).get("healthcheck")))
          .as("%s checks the actuator", node)
          .contains("8081/actuator/health");
    }
  }

  @Test
  void the_nodes_start_only_once_axon_server_and_postgres_are_healthy() {
    for (String node : APP_NODES) {
      Map<String, Object> dependsOn = map(service(node).get("depends_on"));
      assertThat(dependsOn).as("%s depends_on (long form with conditions)", node).isNotNull();
      for (String dependency : List.of("axonserver", "postgres")) {
        assertThat(map(dependsOn.get(dependency)))
            .as("%s depends on %s", node, dependency)
            .isNotNull()
            .containsEntry("condition", "service_healthy");
      }
    }
  }

  @Test
  void every_mounted_volume_is_a_declared_named_volume() {
    Map<String, Object> declared =
        Optional.ofNullable(map(compose.get("volumes"))).orElse(Map.of());
    List<String> mounted = new ArrayList<>();
    for (String name : SERVICES) {
      Object volumes = service(name).get("volumes");
      if (volumes == null) {
        continue;
      }
      for (Object volume : (List<?>) volumes) {
        String source =
            volume instanceof Map<?, ?> m
                ? string(m.get("source"))
                : string(volume).split(":", 2)[0];
        assertThat(source)
            .as("%s mounts %s: a named volume, not a bind mount", name, volume)
            .isNotBlank()
            .doesNotStartWith(".")
            .doesNotStartWith("/")
            .doesNotStartWith("~");
        mounted.add(source);
      }
    }
    assertThat(declared.keySet()).containsAll(mounted);
    assertThat(mounted)
        .as("the event store, Axon Server's data and PostgreSQL's data persist")
        .hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void both_nodes_run_the_image_built_from_this_repository() {
    for (String node : APP_NODES) {
      Object build = service(node).get("build");
      String context = build instanceof Map<?, ?> m ? string(m.get("context")) : string(build);
      assertThat(context).as("%s build context", node).isIn(".", "./");
    }
    assertThat(service("command").get("image")).isEqualTo(service("query").get("image"));
  }

  @Test
  void the_dockerfile_builds_with_the_wrapper_and_runs_the_jar_as_a_non_root_user()
      throws IOException {
    Path dockerfile = root.resolve("Dockerfile");
    assertThat(dockerfile).exists();
    List<String> instructions = instructions(Files.readString(dockerfile));

    int lastFrom = -1;
    for (int i = 0; i < instructions.size(); i++) {
      if (keyword(instructions.get(i)).equals("FROM")) {
        lastFrom = i;
      }
    }
    assertThat(lastFrom).as("a multi-stage build").isPositive();
    List<String> build = instructions.subList(0, lastFrom);
    List<String> runtime = instructions.subList(lastFrom, instructions.size());

    assertThat(build.get(0)).startsWith("FROM eclipse-temurin:17-jdk");
    assertThat(build)
        .as("the build stage runs the wrapper")
        .anyMatch(
            i ->
                keyword(i).equals("RUN")
                    && i.contains("./mvnw")
                    && i.contains("-DskipTests")
                    && i.contains("package"));

    assertThat(runtime.get(0)).startsWith("FROM eclipse-temurin:17-jre");
    assertThat(runtime)
        .as("the runtime stage copies the jar from the build stage")
        .anyMatch(
            i ->
                keyword(i).equals("COPY")
                    && i.contains("--from=")
                    && i.contains("server/target/siteassist-server.jar"));
    List<String> users = runtime.stream().filter(i -> keyword(i).equals("USER")).toList();
    assertThat(users).as("the runtime stage switches user").isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER".length()).trim().split(":")[0];
    assertThat(user).as("the user the service runs as").isNotIn("root", "0");
    assertThat(runtime)
        .contains(
            "ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-jar\","
                + " \"/app/siteassist-server.jar\"]");
    assertThat(runtime).anyMatch(i -> i.matches("EXPOSE\\s+8080\\s+8081"));

    Path dockerignore = root.resolve(".dockerignore");
    assertThat(dockerignore).as("a .dockerignore keeps build output out of the context").exists();
    assertThat(Files.readAllLines(dockerignore)).contains(".git/", "target/", "data/");
  }

  @Test
  void the_docker_compose_cli_accepts_the_file() throws Exception {
    List<String> cli = composeCli();
    Assumptions.assumeTrue(
        cli != null, "no docker compose CLI here (neither `docker compose` nor docker-compose)");
    List<String> command = new ArrayList<>(cli);
    command.addAll(List.of("-f", root.resolve("docker-compose.yml").toString(), "config", "-q"));
    Run run = run(command);
    assertThat(run.exitCode()).as("%s said:%n%s", String.join(" ", command), run.output()).isZero();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * {@code docker compose} (v2) or {@code docker-compose} (v1), whichever answers with its version.
   * The v2 plugin is asked with the {@code version} subcommand: without the plugin, {@code docker
   * compose --version} is read as {@code docker --version} and succeeds.
   */
  private static List<String> composeCli() throws InterruptedException {
    Map<List<String>, String> probes = new LinkedHashMap<>();
    probes.put(List.of("docker", "compose"), "version");
    probes.put(List.of("docker-compose"), "--version");
    for (Map.Entry<List<String>, String> probe : probes.entrySet()) {
      List<String> version = new ArrayList<>(probe.getKey());
      version.add(probe.getValue());
      try {
        Run run = run(version);
        if (run.exitCode() == 0 && run.output().toLowerCase().contains("compose")) {
          return probe.getKey();
        }
      } catch (IOException notThere) {
        // not installed: try the next one
      }
    }
    return null;
  }

  private record Run(int exitCode, String output) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
              } catch (IOException ignored) {
                // the process went away
              }
            });
    reader.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      reader.join(1000);
      return new Run(-1, "timed out after 60 s: " + output.toString(StandardCharsets.UTF_8));
    }
    reader.join(5000);
    return new Run(process.exitValue(), output.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> services() {
    Map<String, Object> services = map(compose.get("services"));
    assertThat(services).as("services").isNotNull();
    return services;
  }

  private static Map<String, Object> service(String name) {
    Map<String, Object> service = map(services().get(name));
    assertThat(service).as("service %s", name).isNotNull();
    return service;
  }

  /** The environment in either Compose form, map or list of {@code KEY=value}. */
  private static Map<String, String> environment(String name) {
    Object environment = service(name).get("environment");
    Map<String, String> env = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> m) {
      m.forEach((k, v) -> env.put(string(k), v == null ? null : string(v)));
    } else if (environment instanceof List<?> list) {
      for (Object entry : list) {
        String[] pair = string(entry).split("=", 2);
        env.put(pair[0], pair.length > 1 ? pair[1] : null);
      }
    }
    return env;
  }

  /** Container port to host port, from the short ({@code [ip:]host:container}) or long form. */
  private static Map<Integer, Integer> hostPortsOf(String name) {
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    Object declared = service(name).get("ports");
    if (declared == null) {
      return ports;
    }
    for (Object port : (List<?>) declared) {
      if (port instanceof Map<?, ?> m) {
        ports.put(portNumber(m.get("target")), portNumber(m.get("published")));
      } else {
        String[] parts = string(port).split("/")[0].split(":");
        Integer container = portNumber(parts[parts.length - 1]);
        ports.put(container, parts.length > 1 ? portNumber(parts[parts.length - 2]) : null);
      }
    }
    return ports;
  }

  private static Integer hostPortFor(String name, int containerPort) {
    return hostPortsOf(name).get(containerPort);
  }

  private static Integer portNumber(Object value) {
    return value == null ? null : Integer.valueOf(string(value).trim());
  }

  /** {@code ${NAME:-default}} as Compose resolves it against this process's environment. */
  private static String interpolate(String value) {
    Matcher matcher = INTERPOLATION.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String fromEnv = System.getenv(matcher.group(1));
      String replacement =
          fromEnv != null && !fromEnv.isEmpty()
              ? fromEnv
              : Optional.ofNullable(matcher.group(2)).orElse("");
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  /** Dockerfile instructions, comments dropped and continuation lines joined. */
  private static List<String> instructions(String dockerfile) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile.split("\\R")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        current.append(trimmed);
        instructions.add(current.toString().replaceAll("\\s+", " ").trim());
        current.setLength(0);
      }
    }
    return instructions;
  }

  private static String keyword(String instruction) {
    return instruction.split("\\s+", 2)[0].toUpperCase();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
