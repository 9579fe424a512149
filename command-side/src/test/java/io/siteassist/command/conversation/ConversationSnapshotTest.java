package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.ALICE;
import static io.siteassist.command.conversation.ConversationTestData.FIRST_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.OTHER_VISITOR_OF_THE_PROJECT;
import static io.siteassist.command.conversation.ConversationTestData.OWNER;
import static io.siteassist.command.conversation.ConversationTestData.SAME_VISITOR_ID_IN_OTHER_PROJECT;
import static io.siteassist.command.conversation.ConversationTestData.SECOND_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.UNKNOWN_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.agentMessagePosted;
import static io.siteassist.command.conversation.ConversationTestData.closed;
import static io.siteassist.command.conversation.ConversationTestData.feedbackGiven;
import static io.siteassist.command.conversation.ConversationTestData.handedOverTo;
import static io.siteassist.command.conversation.ConversationTestData.started;
import static io.siteassist.command.conversation.ConversationTestData.visitorMessagePosted;
import static org.assertj.core.api.Assertions.assertThat;

import io.siteassist.contract.conversation.Feedback;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Snapshots are written with Jackson; a conversation restored from one must decide exactly as the
 * conversation it was taken from.
 */
class ConversationSnapshotTest {

  private final JacksonSerializer serializer = JacksonSerializer.builder().build();

  @Test
  void an_open_conversation_keeps_its_owner_and_every_message_with_or_without_feedback() {
    Conversation conversation = new Conversation();
    conversation.on(started());
    conversation.on(visitorMessagePosted(FIRST_MESSAGE));
    conversation.on(agentMessagePosted(SECOND_MESSAGE, ALICE));
    conversation.on(feedbackGiven(SECOND_MESSAGE, Feedback.LIKE));

    Conversation restored = roundTrip(conversation);

    assertThat(restored.isClosed()).isFalse();
    assertThat(restored.isHumanHandled()).isFalse();
    assertThat(restored.holdsMessage(FIRST_MESSAGE)).as("message without feedback").isTrue();
    assertThat(restored.holdsMessage(SECOND_MESSAGE)).as("message with feedback").isTrue();
    assertThat(restored.holdsMessage(UNKNOWN_MESSAGE)).isFalse();
    assertThat(restored.accessibleBy(OWNER)).isTrue();
    assertThat(restored.accessibleBy(OTHER_VISITOR_OF_THE_PROJECT)).isFalse();
    assertThat(restored.accessibleBy(SAME_VISITOR_ID_IN_OTHER_PROJECT)).isFalse();
    assertThat(restored).usingRecursiveComparison().isEqualTo(conversation);
  }

  @Test
  void a_closed_conversation_handled_by_a_human_stays_closed_and_human_handled() {
    Conversation conversation = new Conversation();
    conversation.on(started());
    conversation.on(visitorMessagePosted(FIRST_MESSAGE));
    conversation.on(handedOverTo(ALICE));
    conversation.on(closed());

    Conversation restored = roundTrip(conversation);

    assertThat(restored.isClosed()).isTrue();
    assertThat(restored.isHumanHandled()).isTrue();
    assertThat(restored.holdsMessage(FIRST_MESSAGE)).isTrue();
    assertThat(restored).usingRecursiveComparison().isEqualTo(conversation);
  }

  private Conversation roundTrip(Conversation conversation) {
    SerializedObject<byte[]> snapshot = serializer.serialize(conversation, byte[].class);
    Object restored = serializer.deserialize(snapshot);
    assertThat(restored).isInstanceOf(Conversation.class);
    return (Conversation) restored;
  }
}
