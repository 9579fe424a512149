package io.siteassist.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siteassist.contract.conversation.CloseConversationCommand;
import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.ConversationPage;
import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.contract.conversation.ConversationSummary;
import io.siteassist.contract.conversation.ConversationView;
import io.siteassist.contract.conversation.MessageRole;
import io.siteassist.contract.conversation.MessageStatus;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.conversation.PostVisitorMessageCommand;
import io.siteassist.contract.visitor.VisitorRegistration;
import io.siteassist.contract.visitor.VisitorType;
import io.siteassist.contract.visitor.VisitorView;
import io.siteassist.server.security.SessionTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The success answers of the visitor API have the shapes API.md draws. */
@WebMvcTest
@Import(ErrorEnvelopeWebMvcTest.EdgeSlice.class)
@TestPropertySource(
    properties = {
      "siteassist.projects[0].id=p1",
      "siteassist.projects[0].publishable-keys[0]=pk_test_1",
      "siteassist.projects[0].secret-keys[0]=sk_test_1",
      "siteassist.max-request-size=16KB",
      "siteassist.session.signing-key=" + ErrorEnvelopeWebMvcTest.SIGNING_KEY
    })
class ResponseShapesWebMvcTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MILLISECOND_UTC =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  @Autowired MockMvc mvc;
  @Autowired SessionTokens tokens;
  @MockitoBean Messaging messaging;

  private final UUID visitorId = UUID.randomUUID();
  private final UUID conversationId = UUID.randomUUID();

  @Test
  void a_sent_message_is_acknowledged_as_plain_text_when_no_assistant_answers() throws Exception {
    when(messaging.sendToConversation(eq(conversationId), any())).thenReturn(new CommandOutcome(2));

    MvcResult result =
        mvc.perform(
                post("/v2/conversations/" + conversationId + "/messages")
                    .header(HttpHeaders.AUTHORIZATION, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"content\":\"Where is my order?\"}"))
            .andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(202);
    assertThat(MediaType.parseMediaType(result.getResponse().getContentType()))
        .matches(MediaType.TEXT_PLAIN::isCompatibleWith, "text/plain");
    assertThat(result.getResponse().getContentAsString()).isEqualTo("Message sent");
    ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
    verify(messaging).sendToConversation(eq(conversationId), command.capture());
    assertThat(command.getValue())
        .isInstanceOfSatisfying(
            PostVisitorMessageCommand.class,
            c -> assertThat(c.content()).isEqualTo("Where is my order?"));
  }

  @Test
  void closing_answers_success_with_the_documented_message() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/v2/conversations/" + conversationId + "/close")
                    .header(HttpHeaders.AUTHORIZATION, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"closeReason\":\"resolved\"}"))
            .andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    JsonNode body = json(result);
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("message").asText()).isEqualTo("Conversation closed successfully.");
    ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
    verify(messaging).sendToConversation(eq(conversationId), command.capture());
    assertThat(command.getValue())
        .isInstanceOfSatisfying(
            CloseConversationCommand.class, c -> assertThat(c.closeReason()).isEqualTo("resolved"));
  }

  @Test
  void closing_accepts_an_empty_body_and_an_empty_object() throws Exception {
    MvcResult noBody =
        mvc.perform(
                post("/v2/conversations/" + conversationId + "/close")
                    .header(HttpHeaders.AUTHORIZATION, visitor()))
            .andReturn();
    MvcResult emptyObject =
        mvc.perform(
                post("/v2/conversations/" + conversationId + "/close")
                    .header(HttpHeaders.AUTHORIZATION, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{}"))
            .andReturn();

    assertThat(noBody.getResponse().getStatus()).isEqualTo(200);
    assertThat(emptyObject.getResponse().getStatus()).isEqualTo(200);
  }

  @Test
  void a_conversation_carries_both_spellings_of_last_interaction_in_millisecond_utc()
      throws Exception {
    Instant created = Instant.parse("2024-01-15T10:30:00Z");
    Instant lastInteraction = Instant.parse("2024-01-15T10:31:02.5Z");
    MessageView message =
        new MessageView(
            UUID.randomUUID(),
            conversationId,
            lastInteraction,
            MessageRole.USER,
            "Hello",
            MessageStatus.COMPLETE,
            null,
            null,
            null,
            null,
            null,
            null);
    when(messaging.query(any(), eq(ConversationView.class)))
        .thenReturn(
            new ConversationView(summary(created, lastInteraction, message), List.of(message)));

    MvcResult result =
        mvc.perform(
                get("/v2/conversations/" + conversationId)
                    .header(HttpHeaders.AUTHORIZATION, visitor()))
            .andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    JsonNode conversation = json(result);
    assertThat(conversation.get("object").asText()).isEqualTo("conversation");
    assertThat(conversation.get("id").asText()).isEqualTo(conversationId.toString());
    assertThat(conversation.get("status").asText()).isEqualTo("open");
    assertThat(conversation.get("createdAt").asText()).isEqualTo("2024-01-15T10:30:00.000Z");
    assertThat(conversation.get("lastInteractionAt").asText())
        .isEqualTo("2024-01-15T10:31:02.500Z");
    assertThat(conversation.get("lastInterationAt").asText())
        .isEqualTo(conversation.get("lastInteractionAt").asText());
    assertThat(conversation.get("isHumanHandled").asBoolean()).isFalse();
    assertThat(conversation.has("closedAt") && conversation.get("closedAt").isNull()).isTrue();
    JsonNode first = conversation.get("messages").get(0);
    assertThat(first.get("object").asText()).isEqualTo("message");
    assertThat(first.get("chatId").asText()).isEqualTo(conversationId.toString());
    assertThat(first.get("role").asText()).isEqualTo("user");
    assertThat(first.get("parts").get(0).get("type").asText()).isEqualTo("text");
    assertThat(first.get("parts").get(0).get("text").asText()).isEqualTo("Hello");
    assertThat(first.get("createdAt").asText()).matches(MILLISECOND_UTC);
  }

  @Test
  void the_conversation_list_is_a_page_with_both_spellings_in_every_summary() throws Exception {
    Instant at = Instant.parse("2024-02-01T08:00:00.123Z");
    when(messaging.query(any(), eq(ConversationPage.class)))
        .thenReturn(new ConversationPage(1, 5, 0, List.of(summary(at, at, null))));

    MvcResult result =
        mvc.perform(
                get("/v2/conversations")
                    .param("limit", "5")
                    .header(HttpHeaders.AUTHORIZATION, visitor()))
            .andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    JsonNode page = json(result);
    assertThat(page.get("object").asText()).isEqualTo("list");
    assertThat(page.get("total").asLong()).isEqualTo(1);
    assertThat(page.get("limit").asInt()).isEqualTo(5);
    assertThat(page.get("offset").asInt()).isZero();
    JsonNode summary = page.get("data").get(0);
    assertThat(summary.get("lastInteractionAt").asText()).isEqualTo("2024-02-01T08:00:00.123Z");
    assertThat(summary.get("lastInterationAt").asText()).isEqualTo("2024-02-01T08:00:00.123Z");
    assertThat(summary.has("messages")).isFalse();
    assertThat(summary.has("lastMessage") && summary.get("lastMessage").isNull()).isTrue();
  }

  @ParameterizedTest(name = "orderBy={0}")
  @CsvSource({"lastInteractionAt", "lastInterationAt", "createdAt", "isHumanHandled", "title"})
  void both_spellings_of_last_interaction_and_every_documented_order_are_accepted(String orderBy)
      throws Exception {
    when(messaging.query(any(), eq(ConversationPage.class)))
        .thenReturn(new ConversationPage(0, 10, 0, List.of()));

    MvcResult result =
        mvc.perform(
                get("/v2/conversations")
                    .param("orderBy", orderBy)
                    .header(HttpHeaders.AUTHORIZATION, visitor()))
            .andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
  }

  @Test
  void a_new_device_gets_a_session_token_that_opens_its_own_identity() throws Exception {
    when(messaging.send(any())).thenReturn(new VisitorRegistration(UUID.randomUUID(), true));

    MvcResult init =
        mvc.perform(
                post("/v2/identity/init")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"apiKey\":\"pk_test_1\",\"saVid\":\"device-1\"}"))
            .andReturn();

    assertThat(init.getResponse().getStatus()).isEqualTo(201);
    JsonNode identity = json(init);
    assertThat(identity.get("visitor").get("object").asText()).isEqualTo("visitor");
    assertThat(identity.get("visitor").get("type").asText()).isEqualTo("anonymous");
    String token = identity.get("sessionToken").asText();
    UUID visitor = UUID.fromString(identity.get("visitor").get("id").asText());
    when(messaging.awaitPresent(any(), any()))
        .thenReturn(
            Optional.of(new VisitorView(visitor, "p1", VisitorType.ANONYMOUS, null, null, null)));

    MvcResult me =
        mvc.perform(get("/v2/identity/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
            .andReturn();

    assertThat(me.getResponse().getStatus()).isEqualTo(200);
    assertThat(json(me).get("id").asText()).isEqualTo(visitor.toString());
  }

  private ConversationSummary summary(
      Instant created, Instant lastInteraction, MessageView lastMessage) {
    return new ConversationSummary(
        conversationId,
        "p1",
        visitorId,
        created,
        lastInteraction,
        ConversationStatus.OPEN,
        null,
        null,
        lastInteraction,
        false,
        null,
        null,
        lastMessage);
  }

  private String visitor() {
    return "Bearer " + tokens.issue("p1", visitorId);
  }

  private static JsonNode json(MvcResult result) throws Exception {
    return JSON.readTree(result.getResponse().getContentAsByteArray());
  }
}
