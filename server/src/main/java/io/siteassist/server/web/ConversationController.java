package io.siteassist.server.web;

import io.siteassist.contract.conversation.CloseConversationCommand;
import io.siteassist.contract.conversation.ConversationFilter;
import io.siteassist.contract.conversation.ConversationPage;
import io.siteassist.contract.conversation.ConversationView;
import io.siteassist.contract.conversation.FindConversationQuery;
import io.siteassist.contract.conversation.ListConversationsQuery;
import io.siteassist.contract.conversation.ListMessagesQuery;
import io.siteassist.contract.conversation.MessageList;
import io.siteassist.contract.conversation.PostVisitorMessageCommand;
import io.siteassist.contract.conversation.StartConversationCommand;
import io.siteassist.contract.error.ErrorCode;
import io.siteassist.server.ids.TimeOrderedIds;
import io.siteassist.server.security.Caller;
import io.siteassist.server.web.error.ApiException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The visitor API's conversations and messages (SiteAssist v2). */
@RestController
@RequestMapping(path = "/v2/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConversationController {

  private final Messaging messaging;

  ConversationController(Messaging messaging) {
    this.messaging = messaging;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Json.Conversation start(
      @AuthenticationPrincipal Caller caller,
      @RequestBody(required = false) Requests.StartConversation body) {
    if (!caller.isVisitor()) {
      throw new ApiException(
          ErrorCode.FORBIDDEN, "Only a visitor session can start a conversation.", null);
    }
    String pageUrl =
        body == null || body.context() == null
            ? null
            : Requests.maxLength(body.context().pageUrl(), "context.pageUrl", Requests.MAX_URL);
    UUID id = TimeOrderedIds.next();
    messaging.sendToConversation(
        id, new StartConversationCommand(id, caller.project().id(), caller.visitorId(), pageUrl));
    return find(caller, id);
  }

  @GetMapping
  Json.Page<Json.ConversationSummary> list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String offset,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String orderBy,
      @RequestParam(required = false) String orderDir,
      @RequestParam(required = false) String visitorId,
      @RequestParam(required = false) String isHumanHandled,
      @RequestParam(required = false) String createdAfter,
      @RequestParam(required = false) String createdBefore) {
    ConversationFilter filter =
        new ConversationFilter(
            Params.conversationStatus(status),
            Params.uuid(visitorId, "visitorId"),
            Params.bool(isHumanHandled, "isHumanHandled"),
            Params.timestamp(createdAfter, "createdAfter"),
            Params.timestamp(createdBefore, "createdBefore"));
    ConversationPage page =
        messaging.query(
            new ListConversationsQuery(
                caller.requester(),
                filter,
                Params.orderBy(orderBy),
                Params.direction(orderDir),
                Params.integer(limit, "limit", 1, 100, 10),
                Params.integer(offset, "offset", 0, Integer.MAX_VALUE, 0)),
            ConversationPage.class);
    return new Json.Page<>(
        "list",
        page.total(),
        page.limit(),
        page.offset(),
        page.data().stream().map(Json::summary).toList());
  }

  @GetMapping("/{conversationId}")
  Json.Conversation get(
      @AuthenticationPrincipal Caller caller, @PathVariable String conversationId) {
    return find(caller, Params.pathId(conversationId, "conversationId"));
  }

  @PostMapping("/{conversationId}/close")
  Json.Closed close(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String conversationId,
      @RequestBody(required = false) Requests.Close body) {
    UUID id = Params.pathId(conversationId, "conversationId");
    String reason =
        body == null
            ? null
            : Requests.maxLength(body.closeReason(), "closeReason", Requests.MAX_CLOSE_REASON);
    messaging.sendToConversation(id, new CloseConversationCommand(id, caller.requester(), reason));
    return new Json.Closed(true, "Conversation closed successfully.");
  }

  @GetMapping("/{conversationId}/messages")
  Json.DataList<Json.Message> messages(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String conversationId,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String offset,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) String status) {
    MessageList list =
        messaging.query(
            new ListMessagesQuery(
                caller.requester(),
                Params.pathId(conversationId, "conversationId"),
                Params.role(role),
                Params.messageStatus(status),
                Params.integer(limit, "limit", 1, 1000, null),
                Params.integer(offset, "offset", 0, Integer.MAX_VALUE, 0)),
            MessageList.class);
    return new Json.DataList<>("list", list.data().stream().map(Json::message).toList());
  }

  /**
   * Stores the visitor's message first, whatever comes next. With no assistant configured for the
   * project (or a human handling the conversation), that is all: 202 {@code Message sent}.
   */
  @PostMapping(path = "/{conversationId}/messages", produces = MediaType.ALL_VALUE)
  @ApiResponse(
      responseCode = "202",
      description = "Stored; a human handles the conversation, or no assistant is configured",
      content =
          @Content(
              mediaType = MediaType.TEXT_PLAIN_VALUE,
              schema = @Schema(type = "string", example = "Message sent")))
  void send(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String conversationId,
      @RequestBody Requests.SendMessage body,
      HttpServletResponse response)
      throws IOException {
    UUID id = Params.pathId(conversationId, "conversationId");
    if (!caller.isVisitor()) {
      throw new ApiException(
          ErrorCode.FORBIDDEN,
          "Only a visitor session can send visitor messages; use agent-messages.",
          null);
    }
    String content = Requests.requiredText(body.content(), "content", Requests.MAX_CONTENT);
    messaging.sendToConversation(
        id,
        new PostVisitorMessageCommand(
            id,
            caller.requester(),
            TimeOrderedIds.next(),
            content,
            Requests.page(body.pageContext())));
    response.setStatus(HttpStatus.ACCEPTED.value());
    response.setContentType(MediaType.TEXT_PLAIN_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("Message sent");
  }

  private Json.Conversation find(Caller caller, UUID id) {
    return Json.conversation(
        messaging.query(new FindConversationQuery(caller.requester(), id), ConversationView.class));
  }
}
