package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;

/** Which message is this, and in which conversation? */
public record FindMessageQuery(Requester requester, UUID messageId) {}
