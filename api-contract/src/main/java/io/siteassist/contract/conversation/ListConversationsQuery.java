package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;

/** Which conversations of the requester match the filter, one page of them in the given order? */
public record ListConversationsQuery(
    Requester requester,
    ConversationFilter filter,
    ConversationOrder orderBy,
    SortDirection direction,
    int limit,
    int offset) {}
