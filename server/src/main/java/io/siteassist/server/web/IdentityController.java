package io.siteassist.server.web;

import io.siteassist.contract.error.ErrorCode;
import io.siteassist.contract.visitor.FindVisitorQuery;
import io.siteassist.contract.visitor.RegisterVisitorCommand;
import io.siteassist.contract.visitor.VisitorIds;
import io.siteassist.contract.visitor.VisitorRegistration;
import io.siteassist.contract.visitor.VisitorType;
import io.siteassist.contract.visitor.VisitorView;
import io.siteassist.server.config.Projects;
import io.siteassist.server.config.SiteAssistProperties.Project;
import io.siteassist.server.security.Caller;
import io.siteassist.server.security.SessionTokens;
import io.siteassist.server.web.error.ApiException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Visitor identity: a device of a project's site gets a visitor and a session token. */
@RestController
@RequestMapping(path = "/v2/identity", produces = MediaType.APPLICATION_JSON_VALUE)
class IdentityController {

  private final Messaging messaging;
  private final Projects projects;
  private final SessionTokens tokens;

  IdentityController(Messaging messaging, Projects projects, SessionTokens tokens) {
    this.messaging = messaging;
    this.projects = projects;
    this.tokens = tokens;
  }

  @PostMapping("/init")
  @SecurityRequirements
  @ApiResponse(responseCode = "201", description = "A new visitor, and its session token")
  @ApiResponse(responseCode = "200", description = "The known visitor of this device (saVid)")
  ResponseEntity<Json.Identity> init(
      @RequestBody Requests.Init body,
      @RequestHeader(value = "Origin", required = false) String origin) {
    if (body.apiKey() == null) {
      throw ApiException.invalidBody("apiKey", "'apiKey' is required.");
    }
    String deviceId = Requests.requiredText(body.saVid(), "saVid", Requests.MAX_DEVICE_ID);
    Project project =
        projects
            .byPublishableKey(body.apiKey())
            .orElseThrow(
                () -> new ApiException(ErrorCode.UNAUTHORIZED, "Unknown publishable key.", null));
    if (!project.allowsOrigin(origin)) {
      throw new ApiException(
          ErrorCode.FORBIDDEN, "This origin is not allowed for the project.", null);
    }
    UUID visitorId = VisitorIds.of(project.id(), deviceId);
    VisitorRegistration registration =
        messaging.send(new RegisterVisitorCommand(visitorId, project.id(), deviceId));
    VisitorView visitor =
        awaitVisitor(project.id(), visitorId)
            .orElseGet(
                () ->
                    new VisitorView(
                        visitorId, project.id(), VisitorType.ANONYMOUS, null, null, null));
    return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new Json.Identity(tokens.issue(project.id(), visitorId), Json.visitor(visitor)));
  }

  @GetMapping("/me")
  Json.Visitor me(@AuthenticationPrincipal Caller caller) {
    return awaitVisitor(caller.project().id(), caller.visitorId())
        .map(Json::visitor)
        .orElseThrow(
            () -> new ApiException(ErrorCode.UNAUTHORIZED, "Unknown visitor session.", null));
  }

  private Optional<VisitorView> awaitVisitor(String projectId, UUID visitorId) {
    return messaging.awaitPresent(
        () ->
            messaging.queryOptional(new FindVisitorQuery(projectId, visitorId), VisitorView.class),
        "visitor " + visitorId);
  }
}
