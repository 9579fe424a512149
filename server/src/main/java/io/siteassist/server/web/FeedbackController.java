package io.siteassist.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.FindMessageQuery;
import io.siteassist.contract.conversation.GiveMessageFeedbackCommand;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.server.security.Caller;
import io.siteassist.server.web.error.ApiException;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A visitor's like or dislike on a message; {@code null} takes it back. */
@RestController
class FeedbackController {

  private final Messaging messaging;

  FeedbackController(Messaging messaging) {
    this.messaging = messaging;
  }

  @PostMapping(
      path = "/v2/messages/{messageId}/feedback",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Json.FeedbackResult give(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String messageId,
      @RequestBody JsonNode body) {
    UUID id = Params.pathId(messageId, "messageId");
    Feedback feedback = feedback(body);
    MessageView message =
        messaging.query(new FindMessageQuery(caller.requester(), id), MessageView.class);
    messaging.sendToConversation(
        message.conversationId(),
        new GiveMessageFeedbackCommand(message.conversationId(), caller.requester(), id, feedback));
    return new Json.FeedbackResult(Json.lower(feedback));
  }

  /** The field must be present; {@code null} is a value (clear), anything but a string is not. */
  private static Feedback feedback(JsonNode body) {
    if (body == null || !body.isObject() || !body.has("feedback")) {
      throw ApiException.invalidBody("feedback", "'feedback' is required (like, dislike or null).");
    }
    JsonNode value = body.get("feedback");
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.invalidBody("feedback", "'feedback' must be a string or null.");
    }
    return switch (value.asText()) {
      case "like" -> Feedback.LIKE;
      case "dislike" -> Feedback.DISLIKE;
      default -> throw ApiException.validation("feedback", "must be like, dislike or null");
    };
  }
}
