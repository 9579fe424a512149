package io.siteassist.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.siteassist.contract.conversation.ConversationPage;
import io.siteassist.contract.conversation.ConversationView;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.error.ErrorCode;
import io.siteassist.contract.error.ErrorDetails;
import io.siteassist.server.config.Projects;
import io.siteassist.server.config.SiteAssistProperties;
import io.siteassist.server.security.SessionTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every failure a client can provoke at the HTTP edge answers with the status of API.md's error
 * table and the one envelope {@code {"error":{"message","code","details"}}}, whoever raises it:
 * Jackson, Spring MVC, Spring Security, the size filter, or the command and query sides.
 */
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
class ErrorEnvelopeWebMvcTest {

  static final String SIGNING_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  private static final String OTHER_SIGNING_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the slice needs besides the controllers and the exception handler: the project keys, the
   * session tokens, the security chain and the strict JSON and size limit of {@code WebConfig}.
   * Named, not scanned: a scan of their packages would bring in whatever else lives there.
   */
  @TestConfiguration
  @EnableConfigurationProperties(SiteAssistProperties.class)
  @Import({Projects.class, SessionTokens.class, EdgeSlice.PackagePrivateConfigurations.class})
  static class EdgeSlice {

    /** {@code SecurityConfig} and {@code WebConfig} are package-private to their packages. */
    static class PackagePrivateConfigurations implements ImportSelector {
      @Override
      public String[] selectImports(AnnotationMetadata metadata) {
        return new String[] {
          "io.siteassist.server.security.SecurityConfig", "io.siteassist.server.config.WebConfig"
        };
      }
    }
  }

  @Autowired MockMvc mvc;
  @Autowired SessionTokens tokens;
  @MockitoBean Messaging messaging;

  private final UUID visitorId = UUID.randomUUID();
  private final UUID conversationId = UUID.randomUUID();

  @Test
  void malformed_json_is_an_invalid_request_body_and_stores_nothing() throws Exception {
    MvcResult result = mvc.perform(sendMessage("{\"content\":")).andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void a_number_where_text_is_expected_is_not_coerced_but_refused_naming_the_field()
      throws Exception {
    MvcResult result = mvc.perform(sendMessage("{\"content\":123}")).andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of("field", "content"));
    verifyNoInteractions(messaging);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"content\":true}                        | content",
        "{\"content\":{}}                          | content",
        "{\"content\":[\"hello\"]}                 | content",
        "{\"content\":\"hello\",\"stream\":\"yes\"}  | stream",
        "{\"content\":\"hello\",\"stream\":1}      | stream",
        "{\"content\":\"hello\",\"pageContext\":\"x\"} | pageContext"
      })
  void a_value_of_the_wrong_json_type_is_refused_naming_the_field(String body, String field)
      throws Exception {
    MvcResult result = mvc.perform(sendMessage(body)).andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of("field", field));
    verifyNoInteractions(messaging);
  }

  @Test
  void trailing_garbage_after_the_json_document_is_refused() throws Exception {
    MvcResult result = mvc.perform(sendMessage("{\"content\":\"hello\"} trailing")).andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void a_second_json_document_after_the_first_is_refused() throws Exception {
    MvcResult result =
        mvc.perform(sendMessage("{\"content\":\"hello\"}{\"content\":\"again\"}")).andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void trailing_garbage_after_feedback_is_refused() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/v2/messages/" + UUID.randomUUID() + "/feedback")
                    .header(AUTH, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"feedback\":\"like\"} {\"feedback\":\"dislike\"}"))
            .andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void a_url_the_firewall_rejects_still_gets_the_envelope() throws Exception {
    MvcResult result =
        mvc.perform(get("/v2/conversations/%2e%2e/secret").header(AUTH, visitor())).andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void a_conversation_id_that_is_not_a_uuid_is_an_invalid_request_naming_the_path_parameter()
      throws Exception {
    MvcResult result =
        mvc.perform(get("/v2/conversations/not-a-uuid").header(AUTH, visitor())).andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of("field", "conversationId"));
    verifyNoInteractions(messaging);
  }

  @Test
  void a_message_id_that_is_not_a_uuid_is_an_invalid_request_naming_the_path_parameter()
      throws Exception {
    MvcResult result =
        mvc.perform(
                post("/v2/messages/42/feedback")
                    .header(AUTH, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"feedback\":\"like\"}"))
            .andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of("field", "messageId"));
  }

  @Test
  void a_message_without_content_is_an_invalid_request_naming_the_missing_field() throws Exception {
    MvcResult result = mvc.perform(sendMessage("{}")).andReturn();

    assertEnvelope(result, 400, ErrorCode.INVALID_REQUEST_BODY, Map.of("field", "content"));
    verifyNoInteractions(messaging);
  }

  @Test
  void a_request_without_credentials_is_unauthorized() throws Exception {
    MvcResult result = mvc.perform(get("/v2/conversations")).andReturn();

    assertEnvelope(result, 401, ErrorCode.UNAUTHORIZED, Map.of());
    assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
  }

  @Test
  void a_bearer_value_that_is_not_a_token_is_unauthorized() throws Exception {
    MvcResult result =
        mvc.perform(get("/v2/conversations").header(AUTH, "Bearer not-a-jwt")).andReturn();

    assertEnvelope(result, 401, ErrorCode.UNAUTHORIZED, Map.of());
  }

  @Test
  void a_malformed_authorization_header_is_unauthorized() throws Exception {
    MvcResult result =
        mvc.perform(get("/v2/conversations").header(AUTH, "Bearer two words")).andReturn();

    assertEnvelope(result, 401, ErrorCode.UNAUTHORIZED, Map.of());
  }

  @Test
  void an_expired_session_token_is_unauthorized() throws Exception {
    Instant now = Instant.now();
    String expired = resigned(SIGNING_KEY, now.minus(Duration.ofHours(2)), now.minusSeconds(3600));
    String fresh = resigned(SIGNING_KEY, now, now.plusSeconds(3600));
    when(messaging.query(any(), eq(ConversationPage.class)))
        .thenReturn(new ConversationPage(0, 10, 0, List.of()));

    MvcResult refused =
        mvc.perform(get("/v2/conversations").header(AUTH, "Bearer " + expired)).andReturn();
    MvcResult accepted =
        mvc.perform(get("/v2/conversations").header(AUTH, "Bearer " + fresh)).andReturn();

    assertEnvelope(refused, 401, ErrorCode.UNAUTHORIZED, Map.of());
    assertThat(accepted.getResponse().getStatus()).as("the same token, unexpired").isEqualTo(200);
  }

  @Test
  void a_session_token_signed_with_another_key_is_unauthorized() throws Exception {
    Instant now = Instant.now();
    String forged = resigned(OTHER_SIGNING_KEY, now, now.plusSeconds(3600));

    MvcResult result =
        mvc.perform(get("/v2/conversations").header(AUTH, "Bearer " + forged)).andReturn();

    assertEnvelope(result, 401, ErrorCode.UNAUTHORIZED, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void a_session_token_of_a_project_that_is_not_configured_is_unauthorized() throws Exception {
    MvcResult result =
        mvc.perform(
                get("/v2/conversations")
                    .header(AUTH, "Bearer " + tokens.issue("no-such-project", visitorId)))
            .andReturn();

    assertEnvelope(result, 401, ErrorCode.UNAUTHORIZED, Map.of());
  }

  @Test
  void an_unknown_secret_key_is_unauthorized() throws Exception {
    MvcResult result =
        mvc.perform(get("/v2/conversations").header(AUTH, "Bearer sk_not_configured")).andReturn();

    assertEnvelope(result, 401, ErrorCode.UNAUTHORIZED, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void an_unknown_publishable_key_gets_no_session() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/v2/identity/init")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"apiKey\":\"pk_not_configured\",\"saVid\":\"device-1\"}"))
            .andReturn();

    assertEnvelope(result, 401, ErrorCode.UNAUTHORIZED, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void an_error_is_json_even_when_the_client_asks_for_html() throws Exception {
    MvcResult result =
        mvc.perform(get("/v2/conversations").accept(MediaType.TEXT_HTML)).andReturn();

    assertEnvelope(result, 401, ErrorCode.UNAUTHORIZED, Map.of());
  }

  @Test
  void a_conversation_of_another_visitor_is_forbidden() throws Exception {
    when(messaging.query(any(), eq(ConversationView.class)))
        .thenThrow(
            new QueryExecutionException(
                "m", null, new ErrorDetails(ErrorCode.FORBIDDEN, "m", Map.of())));

    MvcResult result =
        mvc.perform(get("/v2/conversations/" + conversationId).header(AUTH, visitor())).andReturn();

    assertEnvelope(result, 403, ErrorCode.FORBIDDEN, Map.of());
    assertThat(message(result)).isEqualTo("m");
  }

  @Test
  void a_visitor_cannot_hand_a_conversation_over_to_a_human() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/v2/conversations/" + conversationId + "/handover")
                    .header(AUTH, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"humanAgent\":{\"name\":\"Ann\"}}"))
            .andReturn();

    assertEnvelope(result, 403, ErrorCode.FORBIDDEN, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void a_secret_key_has_no_visitor_identity() throws Exception {
    MvcResult result =
        mvc.perform(get("/v2/identity/me").header(AUTH, "Bearer sk_test_1")).andReturn();

    assertEnvelope(result, 403, ErrorCode.FORBIDDEN, Map.of());
  }

  @Test
  void closing_a_conversation_that_does_not_exist_names_it_in_the_details() throws Exception {
    when(messaging.sendToConversation(eq(conversationId), any()))
        .thenThrow(
            new CommandExecutionException(
                "Conversation not found.",
                null,
                new ErrorDetails(
                    ErrorCode.CONVERSATION_NOT_FOUND,
                    "Conversation not found.",
                    Map.of("conversationId", conversationId.toString()))));

    MvcResult result =
        mvc.perform(post("/v2/conversations/" + conversationId + "/close").header(AUTH, visitor()))
            .andReturn();

    assertEnvelope(
        result,
        404,
        ErrorCode.CONVERSATION_NOT_FOUND,
        Map.of("conversationId", conversationId.toString()));
  }

  @Test
  void feedback_on_a_message_that_does_not_exist_is_message_not_found() throws Exception {
    UUID messageId = UUID.randomUUID();
    when(messaging.query(any(), eq(MessageView.class)))
        .thenThrow(
            new QueryExecutionException(
                "Message not found.",
                null,
                new ErrorDetails(
                    ErrorCode.MESSAGE_NOT_FOUND,
                    "Message not found.",
                    Map.of("messageId", messageId.toString()))));

    MvcResult result =
        mvc.perform(
                post("/v2/messages/" + messageId + "/feedback")
                    .header(AUTH, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"feedback\":\"like\"}"))
            .andReturn();

    assertEnvelope(
        result, 404, ErrorCode.MESSAGE_NOT_FOUND, Map.of("messageId", messageId.toString()));
  }

  @Test
  void an_unknown_route_is_not_found_in_the_envelope() throws Exception {
    MvcResult result = mvc.perform(get("/v2/no-such-thing").header(AUTH, visitor())).andReturn();

    assertEnvelope(result, 404, ErrorCode.NOT_FOUND, Map.of());
  }

  @Test
  void an_unknown_route_outside_the_api_is_not_found_in_the_envelope() throws Exception {
    MvcResult result = mvc.perform(get("/no-such-page").accept(MediaType.TEXT_HTML)).andReturn();

    assertEnvelope(result, 404, ErrorCode.NOT_FOUND, Map.of());
  }

  @Test
  void deleting_the_conversation_list_is_a_method_not_allowed_that_names_the_allowed_ones()
      throws Exception {
    MvcResult result = mvc.perform(delete("/v2/conversations").header(AUTH, visitor())).andReturn();

    assertEnvelope(result, 405, ErrorCode.METHOD_NOT_ALLOWED, Map.of());
    assertThat(result.getResponse().getHeader(HttpHeaders.ALLOW)).contains("GET", "POST");
    verifyNoInteractions(messaging);
  }

  @Test
  void a_message_to_a_closed_conversation_is_a_conflict_on_its_status() throws Exception {
    when(messaging.sendToConversation(eq(conversationId), any()))
        .thenThrow(
            new CommandExecutionException(
                "Conversation is closed.",
                null,
                new ErrorDetails(
                    ErrorCode.CONFLICT,
                    "Conversation is closed.",
                    Map.of("resource", "conversation", "conflictingField", "status"))));

    MvcResult result = mvc.perform(sendMessage("{\"content\":\"hello\"}")).andReturn();

    assertEnvelope(
        result,
        409,
        ErrorCode.CONFLICT,
        Map.of("resource", "conversation", "conflictingField", "status"));
  }

  @Test
  void a_write_that_keeps_losing_a_concurrent_race_is_a_conflict() throws Exception {
    when(messaging.sendToConversation(eq(conversationId), any()))
        .thenThrow(new ConcurrencyException("sequence 3 already taken"));

    MvcResult result = mvc.perform(sendMessage("{\"content\":\"hello\"}")).andReturn();

    assertEnvelope(
        result,
        409,
        ErrorCode.CONFLICT,
        Map.of("resource", "conversation", "conflictingField", "version"));
  }

  @Test
  void a_body_over_the_size_limit_is_refused_before_anything_reads_it() throws Exception {
    String huge = "{\"content\":\"" + "a".repeat(17 * 1024) + "\"}";

    MvcResult result = mvc.perform(sendMessage(huge)).andReturn();

    assertEnvelope(result, 413, ErrorCode.PAYLOAD_TOO_LARGE, Map.of());
    verifyNoInteractions(messaging);
  }

  @Test
  void a_plain_text_body_is_an_unsupported_media_type() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/v2/conversations/" + conversationId + "/messages")
                    .header(AUTH, visitor())
                    .contentType(MediaType.TEXT_PLAIN)
                    .content("hello"))
            .andReturn();

    assertEnvelope(result, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, Map.of());
    verifyNoInteractions(messaging);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "limit, 0",
    "limit, 101",
    "limit, abc",
    "offset, -1",
    "offset, x",
    "orderBy, name",
    "orderDir, sideways",
    "status, pending"
  })
  void an_out_of_range_list_parameter_is_a_validation_error_naming_it(String name, String value)
      throws Exception {
    MvcResult result =
        mvc.perform(get("/v2/conversations").param(name, value).header(AUTH, visitor()))
            .andReturn();

    assertValidationError(result, name);
    verifyNoInteractions(messaging);
  }

  @Test
  void a_message_over_ten_thousand_characters_is_a_validation_error() throws Exception {
    MvcResult result =
        mvc.perform(sendMessage("{\"content\":\"" + "a".repeat(10_001) + "\"}")).andReturn();

    assertValidationError(result, "content");
    verifyNoInteractions(messaging);
  }

  @Test
  void a_message_of_exactly_ten_thousand_characters_is_sent() throws Exception {
    MvcResult result =
        mvc.perform(sendMessage("{\"content\":\"" + "a".repeat(10_000) + "\"}")).andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(202);
  }

  @Test
  void an_empty_message_is_a_validation_error() throws Exception {
    MvcResult result = mvc.perform(sendMessage("{\"content\":\"\"}")).andReturn();

    assertValidationError(result, "content");
    verifyNoInteractions(messaging);
  }

  @Test
  void a_close_reason_over_256_characters_is_a_validation_error() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/v2/conversations/" + conversationId + "/close")
                    .header(AUTH, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"closeReason\":\"" + "r".repeat(257) + "\"}"))
            .andReturn();

    assertValidationError(result, "closeReason");
    verifyNoInteractions(messaging);
  }

  @Test
  void feedback_other_than_like_or_dislike_is_a_validation_error() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/v2/messages/" + UUID.randomUUID() + "/feedback")
                    .header(AUTH, visitor())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"feedback\":\"meh\"}"))
            .andReturn();

    assertValidationError(result, "feedback");
    verifyNoInteractions(messaging);
  }

  @Test
  void an_unexpected_failure_is_an_internal_error_that_leaks_nothing() throws Exception {
    when(messaging.query(any(), eq(ConversationView.class)))
        .thenThrow(new IllegalStateException("secret-internal-detail"));

    MvcResult result =
        mvc.perform(get("/v2/conversations/" + conversationId).header(AUTH, visitor())).andReturn();

    assertEnvelope(result, 500, ErrorCode.INTERNAL_SERVER_ERROR, Map.of());
    String body = result.getResponse().getContentAsString();
    assertThat(body)
        .doesNotContain("secret-internal-detail")
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("io.siteassist");
  }

  @Test
  void a_command_that_fails_without_a_domain_code_is_an_internal_error_that_leaks_nothing()
      throws Exception {
    when(messaging.sendToConversation(eq(conversationId), any()))
        .thenThrow(
            new CommandExecutionException(
                "secret-internal-detail", new NullPointerException("secret-internal-detail")));

    MvcResult result =
        mvc.perform(post("/v2/conversations/" + conversationId + "/close").header(AUTH, visitor()))
            .andReturn();

    assertEnvelope(result, 500, ErrorCode.INTERNAL_SERVER_ERROR, Map.of());
    assertThat(result.getResponse().getContentAsString())
        .doesNotContain("secret-internal-detail")
        .doesNotContain("Exception");
  }

  @Test
  void a_query_that_fails_because_the_database_is_down_is_service_unavailable() throws Exception {
    when(messaging.query(any(), eq(ConversationView.class)))
        .thenThrow(
            new QueryExecutionException(
                "query failed", new DataAccessResourceFailureException("connection refused")));

    MvcResult result =
        mvc.perform(get("/v2/conversations/" + conversationId).header(AUTH, visitor())).andReturn();

    assertEnvelope(result, 503, ErrorCode.SERVICE_UNAVAILABLE, Map.of("retryAfter", 5));
    assertThat(result.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
  }

  @Test
  void an_unavailable_database_is_service_unavailable_with_a_retry_hint() throws Exception {
    when(messaging.query(any(), eq(ConversationView.class)))
        .thenThrow(new DataAccessResourceFailureException("connection refused"));

    MvcResult result =
        mvc.perform(get("/v2/conversations/" + conversationId).header(AUTH, visitor())).andReturn();

    JsonNode error = assertEnvelope(result, 503, ErrorCode.SERVICE_UNAVAILABLE, null);
    JsonNode details = error.get("details");
    assertThat(fieldNames(details)).containsExactly("retryAfter");
    assertThat(details.get("retryAfter").isInt()).isTrue();
    assertThat(details.get("retryAfter").asInt()).isPositive();
    assertThat(result.getResponse().getHeader(HttpHeaders.RETRY_AFTER))
        .isEqualTo(details.get("retryAfter").asText());
    assertThat(result.getResponse().getContentAsString()).doesNotContain("connection refused");
  }

  private static final String AUTH = HttpHeaders.AUTHORIZATION;

  private String visitor() {
    return "Bearer " + tokens.issue("p1", visitorId);
  }

  private MockHttpServletRequestBuilder sendMessage(String body) {
    return post("/v2/conversations/" + conversationId + "/messages")
        .header(AUTH, visitor())
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  /**
   * A genuine visitor token with only its lifetime changed, signed again with {@code signingKey}:
   * whatever is refused is refused for that difference alone.
   */
  private String resigned(String signingKey, Instant issuedAt, Instant expiresAt) throws Exception {
    JWTClaimsSet genuine = SignedJWT.parse(tokens.issue("p1", visitorId)).getJWTClaimsSet();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder(genuine)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build());
    jwt.sign(new MACSigner(Base64.getDecoder().decode(signingKey)));
    return jwt.serialize();
  }

  /**
   * The response is exactly {@code {"error":{"message","code"[,"details"]}}} as application/json,
   * with a non-blank message; {@code details} is compared exactly (absent when empty), or left to
   * the caller when {@code null}. Returns the {@code error} object.
   */
  private static JsonNode assertEnvelope(
      MvcResult result, int status, ErrorCode code, Map<String, ?> details) throws Exception {
    assertThat(result.getResponse().getStatus()).as("status").isEqualTo(status);
    assertThat(code.httpStatus()).isEqualTo(status);
    assertThat(MediaType.parseMediaType(result.getResponse().getContentType()))
        .matches(MediaType.APPLICATION_JSON::isCompatibleWith, "application/json");
    JsonNode root = JSON.readTree(result.getResponse().getContentAsByteArray());
    assertThat(fieldNames(root)).containsExactly("error");
    JsonNode error = root.get("error");
    assertThat(error.get("code").asText()).isEqualTo(code.name());
    assertThat(error.get("message").isTextual()).isTrue();
    assertThat(error.get("message").asText()).isNotBlank();
    if (details == null) {
      assertThat(fieldNames(error)).containsExactlyInAnyOrder("message", "code", "details");
    } else if (details.isEmpty()) {
      assertThat(fieldNames(error)).containsExactlyInAnyOrder("message", "code");
    } else {
      assertThat(fieldNames(error)).containsExactlyInAnyOrder("message", "code", "details");
      assertThat(JSON.convertValue(error.get("details"), Map.class)).isEqualTo(details);
    }
    return error;
  }

  private static void assertValidationError(MvcResult result, String field) throws Exception {
    JsonNode details = assertEnvelope(result, 422, ErrorCode.VALIDATION_ERROR, null).get("details");
    assertThat(fieldNames(details)).containsExactlyInAnyOrder("field", "reason");
    assertThat(details.get("field").asText()).isEqualTo(field);
    assertThat(details.get("reason").asText()).isNotBlank();
  }

  private static String message(MvcResult result) throws Exception {
    return JSON.readTree(result.getResponse().getContentAsByteArray())
        .get("error")
        .get("message")
        .asText();
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
