package io.siteassist.server.e2e;

import static io.siteassist.server.e2e.EndToEndTest.PK_1;
import static io.siteassist.server.e2e.EndToEndTest.PK_2;
import static io.siteassist.server.e2e.EndToEndTest.SK_1;
import static io.siteassist.server.e2e.EndToEndTest.SK_2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.siteassist.server.e2e.ApiClient.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The visitor API of API.md, driven over HTTP as a widget and a project back end would; run once
 * per storage mode by the subclasses.
 */
abstract class VisitorApiScenarios {

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  ApiClient api;

  @BeforeEach
  void connect() {
    api = new ApiClient(port);
  }

  private static String device() {
    return "device-" + UUID.randomUUID();
  }

  @Test
  void a_new_device_gets_a_visitor_and_a_known_device_gets_the_same_one_back() {
    String device = device();
    Response first =
        api.post(
            "/v2/identity/init",
            null,
            "{\"apiKey\":\"" + PK_1 + "\",\"saVid\":\"" + device + "\"}");
    Response second =
        api.post(
            "/v2/identity/init",
            null,
            "{\"apiKey\":\"" + PK_1 + "\",\"saVid\":\"" + device + "\"}");

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    JsonNode visitor = first.json().get("visitor");
    assertThat(visitor.get("object").asText()).isEqualTo("visitor");
    assertThat(visitor.get("type").asText()).isEqualTo("anonymous");
    assertThat(visitor.get("externalId").isNull()).isTrue();
    assertThat(second.json().at("/visitor/id").asText()).isEqualTo(visitor.get("id").asText());

    Response me = api.get("/v2/identity/me", second.text("sessionToken"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("id")).isEqualTo(visitor.get("id").asText());
  }

  @Test
  void the_same_device_in_another_project_is_another_visitor() {
    String device = device();
    Response one =
        api.post(
            "/v2/identity/init",
            null,
            "{\"apiKey\":\"" + PK_1 + "\",\"saVid\":\"" + device + "\"}");
    Response two =
        api.post(
            "/v2/identity/init",
            null,
            "{\"apiKey\":\"" + PK_2 + "\",\"saVid\":\"" + device + "\"}");

    assertThat(one.status()).isEqualTo(201);
    assertThat(two.status()).isEqualTo(201);
    assertThat(one.json().at("/visitor/id").asText())
        .isNotEqualTo(two.json().at("/visitor/id").asText());
  }

  @Test
  void concurrent_first_visits_of_one_device_all_get_the_same_visitor() throws Exception {
    String device = device();
    String body = "{\"apiKey\":\"" + PK_1 + "\",\"saVid\":\"" + device + "\"}";
    List<Response> responses = inParallel(10, i -> api.post("/v2/identity/init", null, body));

    assertThat(responses).extracting(Response::status).containsOnly(200, 201);
    assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
    assertThat(responses.stream().map(r -> r.json().at("/visitor/id").asText()).distinct())
        .hasSize(1);
  }

  @Test
  void an_origin_the_project_does_not_allow_is_refused() {
    String body = "{\"apiKey\":\"" + PK_2 + "\",\"saVid\":\"" + device() + "\"}";
    Response refused = api.send("POST", "/v2/identity/init", null, "application/json", body);
    assertThat(refused.status()).isEqualTo(201); // no Origin header: a server-side caller

    ApiClient.Response wrongOrigin = postWithOrigin(body, "https://evil.example");
    ApiClient.Response rightOrigin = postWithOrigin(body, "https://shop.example");
    assertThat(wrongOrigin.status()).isEqualTo(403);
    assertThat(wrongOrigin.json().at("/error/code").asText()).isEqualTo("FORBIDDEN");
    assertThat(rightOrigin.status()).isEqualTo(200);
  }

  private ApiClient.Response postWithOrigin(String body, String origin) {
    try {
      var request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://localhost:" + port + "/v2/identity/init"))
              .header("Content-Type", "application/json")
              .header("Origin", origin)
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
              .build();
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new ApiClient.Response(response.statusCode(), null, response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void
      a_conversation_goes_from_start_to_messages_to_close_and_every_read_reflects_the_last_write() {
    String token = api.visitorToken(PK_1, device());

    Response started =
        api.post(
            "/v2/conversations", token, "{\"context\":{\"pageUrl\":\"https://shop.example/p\"}}");
    assertThat(started.status()).isEqualTo(201);
    JsonNode conversation = started.json();
    String id = conversation.get("id").asText();
    assertThat(conversation.get("object").asText()).isEqualTo("conversation");
    assertThat(conversation.get("status").asText()).isEqualTo("open");
    assertThat(conversation.get("messages").size()).isZero();
    assertThat(conversation.get("isHumanHandled").asBoolean()).isFalse();
    assertThat(conversation.get("createdAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(conversation.get("lastInterationAt"))
        .isEqualTo(conversation.get("lastInteractionAt"));

    Response sent =
        api.post(
            "/v2/conversations/" + id + "/messages",
            token,
            "{\"content\":\"Where is my order?\",\"pageContext\":{\"url\":\"https://shop.example/o\",\"title\":\"Orders\"}}");
    assertThat(sent.status()).isEqualTo(202);
    assertThat(sent.contentType()).startsWith("text/plain");
    assertThat(sent.body()).isEqualTo("Message sent");

    // read your writes: the very next read sees the message
    JsonNode afterSend = api.get("/v2/conversations/" + id, token).json();
    assertThat(afterSend.get("messages")).hasSize(1);
    JsonNode message = afterSend.get("messages").get(0);
    assertThat(message.get("object").asText()).isEqualTo("message");
    assertThat(message.get("chatId").asText()).isEqualTo(id);
    assertThat(message.get("role").asText()).isEqualTo("user");
    assertThat(message.at("/parts/0/type").asText()).isEqualTo("text");
    assertThat(message.at("/parts/0/text").asText()).isEqualTo("Where is my order?");
    assertThat(message.get("status").asText()).isEqualTo("complete");
    assertThat(message.get("pageUrl").asText()).isEqualTo("https://shop.example/o");
    assertThat(message.get("pageTitle").asText()).isEqualTo("Orders");
    assertThat(afterSend.get("lastInteractionAt").asText())
        .isEqualTo(message.get("createdAt").asText());

    Response messages = api.get("/v2/conversations/" + id + "/messages", token);
    assertThat(messages.status()).isEqualTo(200);
    assertThat(messages.json().get("object").asText()).isEqualTo("list");
    assertThat(messages.json().get("data")).hasSize(1);

    Response closed =
        api.post("/v2/conversations/" + id + "/close", token, "{\"closeReason\":\"resolved\"}");
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("success").asBoolean()).isTrue();
    assertThat(closed.text("message")).isEqualTo("Conversation closed successfully.");
    JsonNode afterClose = api.get("/v2/conversations/" + id, token).json();
    assertThat(afterClose.get("status").asText()).isEqualTo("closed");
    assertThat(afterClose.get("closeReason").asText()).isEqualTo("resolved");
    String closedAt = afterClose.get("closedAt").asText();

    Response closedAgain = api.post("/v2/conversations/" + id + "/close", token, null);
    assertThat(closedAgain.status()).isEqualTo(200);
    JsonNode afterSecondClose = api.get("/v2/conversations/" + id, token).json();
    assertThat(afterSecondClose.get("closedAt").asText()).isEqualTo(closedAt);
    assertThat(afterSecondClose.get("closeReason").asText()).isEqualTo("resolved");
    assertThat(afterSecondClose.get("updatedAt")).isEqualTo(afterClose.get("updatedAt"));

    Response refused =
        api.post("/v2/conversations/" + id + "/messages", token, "{\"content\":\"hello?\"}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("CONFLICT");
    assertThat(refused.json().at("/error/details/resource").asText()).isEqualTo("conversation");
    assertThat(refused.json().at("/error/details/conflictingField").asText()).isEqualTo("status");
    assertThat(api.get("/v2/conversations/" + id + "/messages", token).json().get("data"))
        .hasSize(1);
  }

  @Test
  void twenty_concurrent_messages_to_one_conversation_are_all_stored_exactly_once()
      throws Exception {
    String token = api.visitorToken(PK_1, device());
    String id = api.startConversation(token);

    List<Response> responses =
        inParallel(
            20,
            i ->
                api.post(
                    "/v2/conversations/" + id + "/messages",
                    token,
                    "{\"content\":\"message " + i + "\"}"));

    assertThat(responses).extracting(Response::status).containsOnly(202);
    JsonNode data = api.get("/v2/conversations/" + id + "/messages", token).json().get("data");
    List<String> texts = new ArrayList<>();
    data.forEach(m -> texts.add(m.at("/parts/0/text").asText()));
    assertThat(texts)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 20).mapToObj(i -> "message " + i).toList());
    Set<String> ids = new HashSet<>();
    data.forEach(m -> ids.add(m.get("id").asText()));
    assertThat(ids).hasSize(20);
    List<String> createdAt = new ArrayList<>();
    data.forEach(m -> createdAt.add(m.get("createdAt").asText()));
    assertThat(createdAt).isSorted();
  }

  @Test
  void conversation_and_message_ids_are_time_ordered_uuids() {
    String token = api.visitorToken(PK_1, device());
    String first = api.startConversation(token);
    String second = api.startConversation(token);
    for (String content : List.of("one", "two")) {
      assertThat(
              api.post(
                      "/v2/conversations/" + first + "/messages",
                      token,
                      "{\"content\":\"" + content + "\"}")
                  .status())
          .isEqualTo(202);
    }

    List<String> messageIds = new ArrayList<>();
    api.get("/v2/conversations/" + first + "/messages", token)
        .json()
        .get("data")
        .forEach(m -> messageIds.add(m.get("id").asText()));
    assertThat(messageIds).hasSize(2);
    for (String id : List.of(first, second, messageIds.get(0), messageIds.get(1))) {
      assertThat(UUID.fromString(id).version()).as(id).isEqualTo(7);
    }
    // made one after the other, they sort one after the other (messages come oldest first)
    assertThat(first).isLessThan(second);
    assertThat(messageIds.get(0)).isLessThan(messageIds.get(1));
  }

  @Test
  void a_visitor_sees_and_touches_only_its_own_conversations() {
    String alice = api.visitorToken(PK_1, device());
    String bob = api.visitorToken(PK_1, device());
    String alicesConversation = api.startConversation(alice);
    api.post(
        "/v2/conversations/" + alicesConversation + "/messages", alice, "{\"content\":\"hi\"}");
    String messageId =
        api.get("/v2/conversations/" + alicesConversation + "/messages", alice)
            .json()
            .at("/data/0/id")
            .asText();

    assertThat(api.get("/v2/conversations/" + alicesConversation, bob).status()).isEqualTo(403);
    assertThat(api.get("/v2/conversations/" + alicesConversation + "/messages", bob).status())
        .isEqualTo(403);
    assertThat(
            api.post(
                    "/v2/conversations/" + alicesConversation + "/messages",
                    bob,
                    "{\"content\":\"x\"}")
                .status())
        .isEqualTo(403);
    assertThat(api.post("/v2/conversations/" + alicesConversation + "/close", bob, null).status())
        .isEqualTo(403);
    assertThat(
            api.post("/v2/messages/" + messageId + "/feedback", bob, "{\"feedback\":\"dislike\"}")
                .status())
        .isEqualTo(403);
    Response bobsList = api.get("/v2/conversations", bob);
    assertThat(bobsList.json().get("total").asLong()).isZero();
    assertThat(bobsList.json().get("data")).isEmpty();
    Response bobFiltersForAlice = api.get("/v2/conversations?visitorId=" + visitorId(alice), bob);
    assertThat(bobFiltersForAlice.json().get("data")).isEmpty();

    Response alicesList = api.get("/v2/conversations", alice);
    assertThat(alicesList.json().get("total").asLong()).isEqualTo(1);
    assertThat(alicesList.json().at("/data/0/id").asText()).isEqualTo(alicesConversation);
    assertThat(alicesList.json().at("/data/0/lastMessage/parts/0/text").asText()).isEqualTo("hi");
    assertThat(alicesList.json().at("/data/0/messages").isMissingNode()).isTrue();
  }

  @Test
  void a_project_sees_and_touches_only_its_own_conversations() {
    String visitor = api.visitorToken(PK_1, device());
    String conversation = api.startConversation(visitor);
    String otherProjectsVisitor = api.visitorToken(PK_2, device());

    assertThat(api.get("/v2/conversations/" + conversation, otherProjectsVisitor).status())
        .isEqualTo(403);
    assertThat(api.get("/v2/conversations/" + conversation, SK_2).status()).isEqualTo(403);
    assertThat(
            api.post(
                    "/v2/conversations/" + conversation + "/handover",
                    SK_2,
                    "{\"humanAgent\":{\"name\":\"Mallory\"}}")
                .status())
        .isEqualTo(403);
    assertThat(
            api.get("/v2/conversations?visitorId=" + visitorId(visitor), SK_2)
                .json()
                .get("total")
                .asLong())
        .isZero();
    assertThat(api.get("/v2/conversations/" + conversation, SK_1).status()).isEqualTo(200);
  }

  @Test
  void feedback_is_set_changed_and_cleared() {
    String token = api.visitorToken(PK_1, device());
    String id = api.startConversation(token);
    api.post("/v2/conversations/" + id + "/messages", token, "{\"content\":\"hi\"}");
    String messageId =
        api.get("/v2/conversations/" + id + "/messages", token).json().at("/data/0/id").asText();
    String path = "/v2/messages/" + messageId + "/feedback";

    Response like = api.post(path, token, "{\"feedback\":\"like\"}");
    assertThat(like.status()).isEqualTo(200);
    assertThat(like.text("feedback")).isEqualTo("like");
    JsonNode liked = api.get("/v2/conversations/" + id + "/messages", token).json().at("/data/0");
    assertThat(liked.get("feedback").asText()).isEqualTo("like");
    assertThat(liked.get("feedbackAt").isNull()).isFalse();

    api.post(path, token, "{\"feedback\":\"dislike\"}");
    assertThat(
            api.get("/v2/conversations/" + id + "/messages", token)
                .json()
                .at("/data/0/feedback")
                .asText())
        .isEqualTo("dislike");

    Response cleared = api.post(path, token, "{\"feedback\":null}");
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().get("feedback").isNull()).isTrue();
    JsonNode clearedMessage =
        api.get("/v2/conversations/" + id + "/messages", token).json().at("/data/0");
    assertThat(clearedMessage.get("feedback").isNull()).isTrue();
    assertThat(clearedMessage.get("feedbackAt").isNull()).isTrue();

    Response unknown =
        api.post(
            "/v2/messages/" + UUID.randomUUID() + "/feedback", token, "{\"feedback\":\"like\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
  }

  @Test
  void a_human_agent_takes_over_writes_and_hands_back() {
    String token = api.visitorToken(PK_1, device());
    String id = api.startConversation(token);

    Response handedOver =
        api.post(
            "/v2/conversations/" + id + "/handover",
            SK_1,
            "{\"humanAgent\":{\"name\":\"Ann\",\"image\":\"https://img.example/ann.png\"}}");
    assertThat(handedOver.status()).isEqualTo(200);
    assertThat(handedOver.json().get("isHumanHandled").asBoolean()).isTrue();
    assertThat(handedOver.json().at("/humanAgent/name").asText()).isEqualTo("Ann");

    Response visitorMessage =
        api.post("/v2/conversations/" + id + "/messages", token, "{\"content\":\"Hi Ann\"}");
    assertThat(visitorMessage.status()).isEqualTo(202);

    Response agentMessage =
        api.post(
            "/v2/conversations/" + id + "/agent-messages",
            SK_1,
            "{\"content\":\"Hello, how can I help?\"}");
    assertThat(agentMessage.status()).isEqualTo(201);
    assertThat(agentMessage.text("role")).isEqualTo("human_agent");
    assertThat(agentMessage.json().at("/humanAgent/name").asText()).isEqualTo("Ann");

    JsonNode seenByVisitor = api.get("/v2/conversations/" + id, token).json();
    assertThat(seenByVisitor.get("isHumanHandled").asBoolean()).isTrue();
    assertThat(seenByVisitor.get("messages")).hasSize(2);
    assertThat(seenByVisitor.at("/messages/1/role").asText()).isEqualTo("human_agent");
    Response agentOnly = api.get("/v2/conversations/" + id + "/messages?role=human_agent", token);
    assertThat(agentOnly.json().get("data")).hasSize(1);

    Response twice =
        api.post(
            "/v2/conversations/" + id + "/handover", SK_1, "{\"humanAgent\":{\"name\":\"Bo\"}}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().at("/error/details/conflictingField").asText())
        .isEqualTo("isHumanHandled");

    Response released = api.post("/v2/conversations/" + id + "/release", SK_1, null);
    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().get("isHumanHandled").asBoolean()).isFalse();
    assertThat(released.json().get("humanAgent").isNull()).isTrue();

    assertThat(api.post("/v2/conversations/" + id + "/release", token, null).status())
        .isEqualTo(403);
  }

  @Test
  void a_secret_key_lists_every_conversation_of_its_project_with_the_extra_filters() {
    String alice = api.visitorToken(PK_1, device());
    String bob = api.visitorToken(PK_1, device());
    String a1 = api.startConversation(alice);
    String a2 = api.startConversation(alice);
    String b1 = api.startConversation(bob);
    api.post("/v2/conversations/" + a2 + "/close", alice, null);
    api.post("/v2/conversations/" + b1 + "/handover", SK_1, "{\"humanAgent\":{\"name\":\"Ann\"}}");
    String aliceId = visitorId(alice);

    JsonNode byVisitor =
        api.get("/v2/conversations?visitorId=" + aliceId + "&orderBy=createdAt&orderDir=asc", SK_1)
            .json();
    assertThat(byVisitor.get("total").asLong()).isEqualTo(2);
    assertThat(ids(byVisitor)).containsExactly(a1, a2);

    JsonNode openOfAlice =
        api.get("/v2/conversations?visitorId=" + aliceId + "&status=open", SK_1).json();
    assertThat(ids(openOfAlice)).containsExactly(a1);

    JsonNode handled = api.get("/v2/conversations?isHumanHandled=true&limit=100", SK_1).json();
    assertThat(ids(handled)).contains(b1).doesNotContain(a1, a2);

    String createdA2 = api.get("/v2/conversations/" + a2, SK_1).text("createdAt");
    JsonNode after =
        api.get(
                "/v2/conversations?visitorId="
                    + aliceId
                    + "&createdAfter="
                    + createdA2.replace("Z", "%2B00:00"),
                SK_1)
            .json();
    assertThat(ids(after)).isEmpty();
    JsonNode before =
        api.get("/v2/conversations?visitorId=" + aliceId + "&createdBefore=" + createdA2, SK_1)
            .json();
    assertThat(ids(before)).containsExactly(a1);

    JsonNode paged =
        api.get(
                "/v2/conversations?visitorId="
                    + aliceId
                    + "&orderBy=lastInterationAt&orderDir=desc&limit=1&offset=1",
                SK_1)
            .json();
    assertThat(paged.get("total").asLong()).isEqualTo(2);
    assertThat(paged.get("limit").asInt()).isEqualTo(1);
    assertThat(paged.get("offset").asInt()).isEqualTo(1);
    assertThat(ids(paged)).containsExactly(a1);
  }

  @Test
  void bad_input_never_yields_a_server_error() {
    String token = api.visitorToken(PK_1, device());
    String id = api.startConversation(token);
    String[] bodies = {
      "",
      "{",
      "null",
      "[]",
      "\"text\"",
      "123",
      "{\"content\":null}",
      "{\"content\":{}}",
      "{\"content\":[\"a\"]}",
      "{\"content\":true}",
      "{\"content\":\"ok\",\"stream\":\"yes\"}",
      "{\"content\":\"ok\",\"pageContext\":\"nope\"}",
      "{\"content\":\"ok\"}}",
      "\u0000",
      "{\"content\":\"" + "x".repeat(10_001) + "\"}",
      "{\"content\":\"   \"}"
    };
    String[] paths = {
      "/v2/conversations/" + id + "/messages",
      "/v2/conversations",
      "/v2/conversations/" + id + "/close",
      "/v2/identity/init",
      "/v2/messages/" + UUID.randomUUID() + "/feedback",
      "/v2/conversations/" + id + "/handover"
    };
    for (String path : paths) {
      for (String body : bodies) {
        Response response = api.send("POST", path, token, "application/json", body);
        assertThat(response.status()).as(path + " <- " + body).isBetween(200, 499);
        if (response.status() >= 400) {
          assertThat(response.json().at("/error/code").asText())
              .as(path + " <- " + body)
              .isNotEmpty();
        }
      }
    }
    String[] queries = {
      "limit=-1",
      "limit=1000",
      "offset=x",
      "orderBy=nope",
      "orderDir=up",
      "status=pending",
      "createdAfter=yesterday",
      "isHumanHandled=1",
      "visitorId=abc",
      "limit=99999999999999"
    };
    for (String query : queries) {
      Response response = api.get("/v2/conversations?" + query, SK_1);
      assertThat(response.status()).as(query).isEqualTo(422);
      assertThat(response.json().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
    }
  }

  @Test
  void health_reports_the_event_store_the_database_and_every_projection() {
    api.startConversation(api.visitorToken(PK_1, device()));
    JsonNode health = new ApiClient(managementPort).get("/actuator/health", null).json();

    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/eventStore/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/eventStore/details/head").asLong()).isPositive();
    JsonNode processors = health.at("/components/processors");
    assertThat(processors.get("status").asText()).isEqualTo("UP");
    for (String processor : List.of("conversations", "visitors")) {
      JsonNode details = processors.at("/details/" + processor);
      assertThat(details.get("running").asBoolean()).as(processor).isTrue();
      assertThat(details.get("error").asBoolean()).as(processor).isFalse();
      assertThat(details.get("deadLetterSequences").asLong()).as(processor).isZero();
    }
  }

  private String visitorId(String token) {
    return api.get("/v2/identity/me", token).text("id");
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.get("data").forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  private static <T> List<T> inParallel(int count, IndexedCall<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit((Callable<T>) () -> call.call(index)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  interface IndexedCall<T> {
    T call(int index) throws Exception;
  }
}
