package io.siteassist.contract.conversation;

/** The person who handles a conversation instead of the assistant. */
public record HumanAgent(String name, String image) {}
