package io.siteassist.server.web;

import io.siteassist.contract.conversation.ConversationOrder;
import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.contract.conversation.MessageRole;
import io.siteassist.contract.conversation.MessageStatus;
import io.siteassist.contract.conversation.SortDirection;
import io.siteassist.server.web.error.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/** Query parameters: parsed strictly, and any bad value is a 422 naming the parameter. */
final class Params {

  private static final Map<String, ConversationOrder> ORDERS =
      Map.of(
          "id", ConversationOrder.ID,
          "createdAt", ConversationOrder.CREATED_AT,
          "updatedAt", ConversationOrder.UPDATED_AT,
          "lastInteractionAt", ConversationOrder.LAST_INTERACTION_AT,
          "lastInterationAt", ConversationOrder.LAST_INTERACTION_AT,
          "status", ConversationOrder.STATUS,
          "closedAt", ConversationOrder.CLOSED_AT,
          "isHumanHandled", ConversationOrder.IS_HUMAN_HANDLED,
          "title", ConversationOrder.TITLE);

  private Params() {}

  static Integer integer(String value, String name, int min, int max, Integer fallback) {
    if (value == null) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.validation(name, "must be an integer");
    }
    if (parsed < min || parsed > max) {
      throw ApiException.validation(
          name,
          max == Integer.MAX_VALUE
              ? "must be at least " + min
              : "must be between " + min + " and " + max);
    }
    return parsed;
  }

  static ConversationOrder orderBy(String value) {
    if (value == null) {
      return ConversationOrder.LAST_INTERACTION_AT;
    }
    ConversationOrder order = ORDERS.get(value);
    if (order == null) {
      throw ApiException.validation(
          "orderBy",
          "must be one of id, createdAt, updatedAt, lastInteractionAt, lastInterationAt, status,"
              + " closedAt, isHumanHandled, title");
    }
    return order;
  }

  static SortDirection direction(String value) {
    if (value == null) {
      return SortDirection.DESC;
    }
    return switch (value) {
      case "asc" -> SortDirection.ASC;
      case "desc" -> SortDirection.DESC;
      default -> throw ApiException.validation("orderDir", "must be asc or desc");
    };
  }

  static ConversationStatus conversationStatus(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "open" -> ConversationStatus.OPEN;
      case "closed" -> ConversationStatus.CLOSED;
      default -> throw ApiException.validation("status", "must be open or closed");
    };
  }

  static MessageRole role(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "user" -> MessageRole.USER;
      case "assistant" -> MessageRole.ASSISTANT;
      case "human_agent" -> MessageRole.HUMAN_AGENT;
      default -> throw ApiException.validation("role", "must be user, assistant or human_agent");
    };
  }

  static MessageStatus messageStatus(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "complete" -> MessageStatus.COMPLETE;
      case "streaming" -> MessageStatus.STREAMING;
      case "error" -> MessageStatus.ERROR;
      default -> throw ApiException.validation("status", "must be complete, streaming or error");
    };
  }

  static Boolean bool(String value, String name) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw ApiException.validation(name, "must be true or false");
    };
  }

  static UUID uuid(String value, String name) {
    if (value == null) {
      return null;
    }
    UUID parsed = canonicalUuid(value);
    if (parsed == null) {
      throw ApiException.validation(name, "must be a UUID");
    }
    return parsed;
  }

  /** An id in the path: anything but a canonical UUID is a malformed request (400). */
  static UUID pathId(String value, String name) {
    UUID parsed = canonicalUuid(value);
    if (parsed == null) {
      throw ApiException.invalidBody(name, "'" + name + "' must be a UUID.");
    }
    return parsed;
  }

  private static UUID canonicalUuid(String value) {
    if (value.length() != 36) {
      return null;
    }
    try {
      UUID parsed = UUID.fromString(value);
      return parsed.toString().equalsIgnoreCase(value) ? parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Instant timestamp(String value, String name) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.validation(name, "must be an ISO-8601 timestamp with offset");
    }
  }
}
