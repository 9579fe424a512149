package io.siteassist.command.conversation;

import io.siteassist.command.rules.RuleViolation;
import io.siteassist.contract.error.ErrorCode;
import java.util.Map;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Matches the refusal a caller would see: the error code and the details that come with it. */
final class RuleViolationMatchers {

  private RuleViolationMatchers() {}

  /** The conversation is in a state that forbids the command; {@code field} says which part. */
  static Matcher<RuleViolation> conflictOn(String field) {
    return ruleViolation(
        ErrorCode.CONFLICT, Map.of("resource", "conversation", "conflictingField", field));
  }

  /** The requester may not touch the conversation; nothing else is revealed. */
  static Matcher<RuleViolation> forbidden() {
    return ruleViolation(ErrorCode.FORBIDDEN, Map.of());
  }

  static Matcher<RuleViolation> messageNotFound(Object messageId) {
    return ruleViolation(ErrorCode.MESSAGE_NOT_FOUND, Map.of("messageId", messageId.toString()));
  }

  static Matcher<RuleViolation> ruleViolation(ErrorCode code, Map<String, String> details) {
    return new TypeSafeDiagnosingMatcher<>() {
      @Override
      protected boolean matchesSafely(RuleViolation violation, Description mismatch) {
        boolean matches =
            violation.details().code() == code && violation.details().details().equals(details);
        if (!matches) {
          mismatch
              .appendText("was a RuleViolation with code ")
              .appendValue(violation.details().code())
              .appendText(" and details ")
              .appendValue(violation.details().details());
        }
        return matches;
      }

      @Override
      public void describeTo(Description description) {
        description
            .appendText("a RuleViolation with code ")
            .appendValue(code)
            .appendText(" and details ")
            .appendValue(details);
      }
    };
  }
}
