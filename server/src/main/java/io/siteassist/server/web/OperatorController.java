package io.siteassist.server.web;

import io.siteassist.contract.conversation.ConversationView;
import io.siteassist.contract.conversation.FindConversationQuery;
import io.siteassist.contract.conversation.FindMessageQuery;
import io.siteassist.contract.conversation.HandOverConversationCommand;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.conversation.PostAgentMessageCommand;
import io.siteassist.contract.conversation.ReleaseConversationCommand;
import io.siteassist.server.ids.TimeOrderedIds;
import io.siteassist.server.security.Caller;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What a project's back end (secret key) does to a conversation on behalf of its operators. */
@RestController
@RequestMapping(
    path = "/v2/conversations/{conversationId}",
    produces = MediaType.APPLICATION_JSON_VALUE)
class OperatorController {

  private final Messaging messaging;

  OperatorController(Messaging messaging) {
    this.messaging = messaging;
  }

  @PostMapping("/handover")
  Json.Conversation handover(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String conversationId,
      @RequestBody Requests.Handover body) {
    UUID id = Params.pathId(conversationId, "conversationId");
    messaging.sendToConversation(
        id,
        new HandOverConversationCommand(
            id, caller.requester(), Requests.agent(body.humanAgent(), "humanAgent", true)));
    return conversation(caller, id);
  }

  @PostMapping("/release")
  Json.Conversation release(
      @AuthenticationPrincipal Caller caller, @PathVariable String conversationId) {
    UUID id = Params.pathId(conversationId, "conversationId");
    messaging.sendToConversation(id, new ReleaseConversationCommand(id, caller.requester()));
    return conversation(caller, id);
  }

  @PostMapping("/agent-messages")
  @ResponseStatus(HttpStatus.CREATED)
  Json.Message agentMessage(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String conversationId,
      @RequestBody Requests.AgentMessage body) {
    UUID id = Params.pathId(conversationId, "conversationId");
    String content = Requests.requiredText(body.content(), "content", Requests.MAX_CONTENT);
    UUID messageId = TimeOrderedIds.next();
    messaging.sendToConversation(
        id,
        new PostAgentMessageCommand(
            id,
            caller.requester(),
            messageId,
            content,
            Requests.agent(body.humanAgent(), "humanAgent", false)));
    return Json.message(
        messaging.query(new FindMessageQuery(caller.requester(), messageId), MessageView.class));
  }

  private Json.Conversation conversation(Caller caller, UUID id) {
    return Json.conversation(
        messaging.query(new FindConversationQuery(caller.requester(), id), ConversationView.class));
  }
}
