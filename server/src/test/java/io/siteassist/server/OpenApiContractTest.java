package io.siteassist.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The OpenAPI document a client generator would read describes every endpoint of API.md, without
 * credentials, and the Swagger UI that renders it is served.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:openapi;DB_CLOSE_DELAY=-1",
      "management.server.port=0",
      "axoniq.update-checker.disabled=true"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

  @Autowired TestRestTemplate http;

  private JsonNode document;

  @BeforeAll
  void fetch_the_document_without_credentials() throws Exception {
    ResponseEntity<String> response = http.getForEntity("/v3/api-docs", String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    document = new ObjectMapper().readTree(response.getBody());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, /v2/identity/init",
    "GET, /v2/identity/me",
    "POST, /v2/conversations",
    "GET, /v2/conversations",
    "GET, /v2/conversations/{conversationId}",
    "POST, /v2/conversations/{conversationId}/close",
    "GET, /v2/conversations/{conversationId}/messages",
    "POST, /v2/conversations/{conversationId}/messages",
    "POST, /v2/messages/{messageId}/feedback",
    "POST, /v2/conversations/{conversationId}/handover",
    "POST, /v2/conversations/{conversationId}/release",
    "POST, /v2/conversations/{conversationId}/agent-messages"
  })
  void every_endpoint_of_the_contract_is_documented(String method, String path) {
    assertThat(document.path("paths").has(path)).as("path %s", path).isTrue();
    assertThat(document.path("paths").path(path).has(method.toLowerCase()))
        .as("%s %s", method, path)
        .isTrue();
  }

  @Test
  void the_conversation_list_documents_its_paging_filtering_and_ordering_parameters() {
    List<String> queryParameters = new ArrayList<>();
    document
        .at("/paths/~1v2~1conversations/get/parameters")
        .forEach(
            p -> {
              if ("query".equals(p.path("in").asText())) {
                queryParameters.add(p.path("name").asText());
              }
            });

    assertThat(queryParameters).contains("limit", "offset", "status", "orderBy", "orderDir");
  }

  @Test
  void the_document_names_the_api_and_its_version() {
    assertThat(document.at("/info/title").asText()).isEqualTo("SiteAssist Conversations API");
    assertThat(document.at("/info/version").asText()).isEqualTo("v2");
  }

  @Test
  void every_call_is_documented_as_needing_a_bearer_credential_except_identity_init() {
    JsonNode scheme = single(document.at("/components/securitySchemes"));
    assertThat(scheme.path("type").asText()).isEqualTo("http");
    assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
    String schemeName = document.at("/components/securitySchemes").fieldNames().next();
    assertThat(document.at("/security/0").has(schemeName)).isTrue();
    JsonNode init = document.at("/paths/~1v2~1identity~1init/post");
    assertThat(init.has("security") && init.get("security").isEmpty())
        .as("POST /v2/identity/init overrides the global requirement with none")
        .isTrue();
  }

  @Test
  void every_operation_documents_the_error_envelope() {
    JsonNode error = document.at("/components/schemas/Error/properties");
    assertThat(error.has("message") && error.has("code") && error.has("details")).isTrue();
    assertThat(error.at("/code/enum").toString()).contains("CONVERSATION_NOT_FOUND");
    document
        .path("paths")
        .forEach(
            path ->
                path.forEach(
                    operation ->
                        assertThat(
                                operation
                                    .at("/responses/default/content/application~1json/schema/$ref")
                                    .asText())
                            .isEqualTo("#/components/schemas/ErrorEnvelope")));
  }

  @Test
  void identity_init_documents_a_new_visitor_and_a_known_one() {
    JsonNode responses = document.at("/paths/~1v2~1identity~1init/post/responses");

    assertThat(responses.has("201")).isTrue();
    assertThat(responses.has("200")).isTrue();
    assertThat(responses.at("/201/content/application~1json/schema/$ref").asText())
        .endsWith("/Identity");
  }

  @Test
  void sending_a_message_documents_the_plain_text_acknowledgement() {
    JsonNode accepted =
        document.at("/paths/~1v2~1conversations~1{conversationId}~1messages/post/responses/202");

    assertThat(accepted.at("/content/text~1plain/schema/example").asText())
        .isEqualTo("Message sent");
  }

  @Test
  void the_container_error_forward_is_not_documented_as_an_endpoint() {
    assertThat(document.path("paths").has("/error")).isFalse();
  }

  @Test
  void the_swagger_ui_is_served() {
    ResponseEntity<String> response = http.getForEntity("/swagger-ui/index.html", String.class);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).containsIgnoringCase("swagger");
  }

  private static JsonNode single(JsonNode object) {
    assertThat(object.size()).isEqualTo(1);
    return object.elements().next();
  }
}
