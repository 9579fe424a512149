package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;

/** What does this conversation look like now, with all its messages? */
public record FindConversationQuery(Requester requester, UUID conversationId) {}
