package io.siteassist.server.e2e;

import static io.siteassist.server.e2e.EndToEndTest.PK_1;
import static io.siteassist.server.e2e.EndToEndTest.SK_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Replaying a projection from the first event rebuilds exactly the same read model. */
@EndToEndTest
class ReplayEndToEndTest {

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @Test
  void a_replay_reports_its_progress_and_rebuilds_the_same_read_model_while_the_api_serves()
      throws Exception {
    ApiClient api = new ApiClient(port);
    ApiClient actuator = new ApiClient(managementPort);
    String token = api.visitorToken(PK_1, "replay-device");
    for (int c = 0; c < 5; c++) {
      String id = api.startConversation(token);
      for (int m = 0; m < 4; m++) {
        api.post("/v2/conversations/" + id + "/messages", token, "{\"content\":\"m" + m + "\"}");
      }
      if (c % 2 == 0) {
        api.post("/v2/conversations/" + id + "/close", token, "{\"closeReason\":\"done\"}");
      }
    }
    String all = "/v2/conversations?limit=100&orderBy=createdAt&orderDir=asc";
    JsonNode before = api.get(all, SK_1).json();

    ApiClient.Response reset =
        actuator.send(
            "POST", "/actuator/projections/conversations", null, "application/json", "{}");
    assertThat(reset.status()).isEqualTo(200);
    long head = actuator.get("/actuator/projections", null).json().get("head").asLong();
    assertThat(reset.json().get("position").asLong())
        .as("the projection starts again from the first event")
        .isLessThan(head);
    assertThat(api.get("/v2/conversations", token).status())
        .as("the API keeps serving")
        .isLessThan(500);

    JsonNode status;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    do {
      Thread.sleep(100);
      status = actuator.get("/actuator/projections", null).json();
    } while ((status.at("/conversations/replaying").asBoolean()
            || !status.at("/conversations/caughtUp").asBoolean())
        && System.nanoTime() < deadline);

    assertThat(status.at("/conversations/replaying").asBoolean()).isFalse();
    assertThat(status.at("/conversations/position").asLong())
        .isGreaterThanOrEqualTo(status.get("head").asLong());
    assertThat(api.get(all, SK_1).json()).isEqualTo(before);
  }
}
