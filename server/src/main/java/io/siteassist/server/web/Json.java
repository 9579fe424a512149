package io.siteassist.server.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.siteassist.contract.conversation.ConversationView;
import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.visitor.VisitorView;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The JSON objects of the SiteAssist v2 API, exactly as API.md draws them. */
final class Json {

  /**
   * ISO-8601 in UTC with exactly three fraction digits ({@code 2024-01-15T10:30:00.000Z}). The
   * instant printer computes the digits; a pattern's {@code SSS} went through BigDecimal for every
   * timestamp, a tenth of what a GET of a conversation allocated.
   */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder().appendInstant(3).toFormatter(Locale.ROOT);

  private Json() {}

  /** The fields a conversation and a conversation summary share, in the contract's order. */
  record Header(
      String object,
      UUID id,
      String createdAt,
      String updatedAt,
      String status,
      String closedAt,
      String closeReason,
      String lastInterationAt,
      String lastInteractionAt,
      @JsonProperty("isHumanHandled") boolean isHumanHandled,
      Agent humanAgent,
      String title) {}

  record Conversation(@JsonUnwrapped Header header, List<Message> messages) {}

  record ConversationSummary(@JsonUnwrapped Header header, Message lastMessage) {}

  record Message(
      String object,
      UUID id,
      String createdAt,
      UUID chatId,
      String role,
      List<Part> parts,
      String status,
      String error,
      String feedback,
      String feedbackAt,
      Object metadata,
      Agent humanAgent,
      String pageUrl,
      String pageTitle,
      Object textSelection) {}

  record Part(String type, String text) {}

  record Agent(String name, String image) {}

  record Page<T>(String object, long total, int limit, int offset, List<T> data) {}

  record DataList<T>(String object, List<T> data) {}

  record Visitor(
      String object, UUID id, String type, String externalId, String name, String avatarUrl) {}

  record Identity(String sessionToken, Visitor visitor) {}

  record Closed(boolean success, String message) {}

  record FeedbackResult(String feedback) {}

  static Conversation conversation(ConversationView view) {
    return new Conversation(
        header(view.conversation()), view.messages().stream().map(Json::message).toList());
  }

  static ConversationSummary summary(io.siteassist.contract.conversation.ConversationSummary c) {
    return new ConversationSummary(
        header(c), c.lastMessage() == null ? null : message(c.lastMessage()));
  }

  private static Header header(io.siteassist.contract.conversation.ConversationSummary c) {
    String lastInteraction = time(c.lastInteractionAt());
    return new Header(
        "conversation",
        c.id(),
        time(c.createdAt()),
        time(c.updatedAt()),
        lower(c.status()),
        time(c.closedAt()),
        c.closeReason(),
        lastInteraction,
        lastInteraction,
        c.humanHandled(),
        agent(c.humanAgent()),
        c.title());
  }

  static Message message(MessageView m) {
    return new Message(
        "message",
        m.id(),
        time(m.createdAt()),
        m.conversationId(),
        lower(m.role()),
        List.of(new Part("text", m.text())),
        lower(m.status()),
        m.error(),
        lower(m.feedback()),
        time(m.feedbackAt()),
        null,
        agent(m.humanAgent()),
        m.pageUrl(),
        m.pageTitle(),
        null);
  }

  static Visitor visitor(VisitorView v) {
    return new Visitor("visitor", v.id(), lower(v.type()), v.externalId(), v.name(), v.avatarUrl());
  }

  static String time(Instant instant) {
    return instant == null ? null : TIMESTAMP.format(instant);
  }

  static String lower(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  private static Agent agent(HumanAgent agent) {
    return agent == null ? null : new Agent(agent.name(), agent.image());
  }
}
