package io.siteassist.server.web;

import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.PageContext;
import io.siteassist.server.web.error.ApiException;

/** Request bodies, and the checks that turn them into contract values or documented errors. */
final class Requests {

  static final int MAX_CONTENT = 10_000;
  static final int MAX_CLOSE_REASON = 256;
  static final int MAX_URL = 2048;
  static final int MAX_TITLE = 1024;
  static final int MAX_DEVICE_ID = 100;
  static final int MAX_AGENT_NAME = 255;

  private Requests() {}

  record Init(String apiKey, String saVid) {}

  record StartConversation(Context context) {}

  record Context(String pageUrl) {}

  record SendMessage(String content, Boolean stream, Page pageContext) {}

  record Page(String url, String title, String content) {}

  record Close(String closeReason) {}

  record Handover(Agent humanAgent) {}

  record AgentMessage(String content, Agent humanAgent) {}

  record Agent(String name, String image) {}

  /** A required, non-blank text of at most {@code max} characters. */
  static String requiredText(String value, String field, int max) {
    if (value == null) {
      throw ApiException.invalidBody(field, "'" + field + "' is required.");
    }
    if (value.isBlank()) {
      throw ApiException.validation(field, "must not be empty");
    }
    return maxLength(value, field, max);
  }

  static String maxLength(String value, String field, int max) {
    if (value != null && value.length() > max) {
      throw ApiException.validation(field, "must be at most " + max + " characters");
    }
    return value;
  }

  static PageContext page(Page page) {
    if (page == null) {
      return PageContext.NONE;
    }
    return new PageContext(
        maxLength(page.url(), "pageContext.url", MAX_URL),
        maxLength(page.title(), "pageContext.title", MAX_TITLE),
        page.content());
  }

  static HumanAgent agent(Agent agent, String field, boolean required) {
    if (agent == null) {
      if (required) {
        throw ApiException.invalidBody(field, "'" + field + "' is required.");
      }
      return null;
    }
    return new HumanAgent(
        requiredText(agent.name(), field + ".name", MAX_AGENT_NAME),
        maxLength(agent.image(), field + ".image", MAX_URL));
  }
}
