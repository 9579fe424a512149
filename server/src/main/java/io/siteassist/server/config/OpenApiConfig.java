package io.siteassist.server.config;

import io.siteassist.contract.error.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs}: one bearer scheme for both credentials, and
 * the error envelope as the documented answer of every failure, since every failure has it.
 */
@Configuration
class OpenApiConfig {

  static final String BEARER = "bearer";
  static final String ERROR_ENVELOPE = "ErrorEnvelope";
  static final String ERROR = "Error";

  @Bean
  OpenAPI siteAssistOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("SiteAssist Conversations API")
                .version("v2")
                .description(
                    "The SiteAssist v2 visitor API, and the server-side API for a project's back"
                        + " end. Every error answers {\"error\":{\"message\",\"code\",\"details\"}}."))
        .components(new Components().addSecuritySchemes(BEARER, bearerScheme()))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  /**
   * Any operation may fail, and every failure is the envelope: documented once for all. The schemas
   * are added here, next to the responses that refer to them, because schemas set only on the bean
   * above do not reach the served document. {@code /error} is where the container forwards its own
   * failures, not an endpoint to call.
   */
  @Bean
  OpenApiCustomizer errorEnvelope() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi
          .getComponents()
          .addSchemas(ERROR, errorSchema())
          .addSchemas(ERROR_ENVELOPE, envelopeSchema());
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().keySet().removeIf(path -> path.equals("/error"));
      openApi.getPaths().values().stream()
          .flatMap(path -> path.readOperations().stream())
          .forEach(
              operation -> {
                if (operation.getResponses() == null) {
                  operation.setResponses(new ApiResponses());
                }
                operation.getResponses().computeIfAbsent("default", code -> errorResponse());
              });
    };
  }

  private static SecurityScheme bearerScheme() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat("JWT")
        .description(
            "A visitor's session token (a JWT from POST /v2/identity/init), or a project's secret"
                + " key (sk_...) for the server-side API.");
  }

  private static Schema<?> errorSchema() {
    StringSchema code = new StringSchema();
    code.setEnum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    ObjectSchema details = new ObjectSchema();
    details.setDescription(
        "What the code needs said, e.g. {field, reason} or {conversationId}; absent when empty.");
    details.setAdditionalProperties(
        new Schema<>().oneOf(List.of(new StringSchema(), new IntegerSchema())));
    ObjectSchema error = new ObjectSchema();
    error.setRequired(List.of("message", "code"));
    error.addProperty(
        "message", new StringSchema().description("For humans; never a stack trace."));
    error.addProperty("code", code.description("For programs; fixes the HTTP status."));
    error.addProperty("details", details);
    return error;
  }

  private static Schema<?> envelopeSchema() {
    ObjectSchema envelope = new ObjectSchema();
    envelope.setDescription("The one shape of every error response.");
    envelope.setRequired(List.of("error"));
    envelope.addProperty("error", new Schema<>().$ref("#/components/schemas/" + ERROR));
    return envelope;
  }

  private static ApiResponse errorResponse() {
    return new ApiResponse()
        .description("An error, in the SiteAssist envelope; the status is the code's")
        .content(
            new Content()
                .addMediaType(
                    "application/json",
                    new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + ERROR_ENVELOPE))));
  }
}
