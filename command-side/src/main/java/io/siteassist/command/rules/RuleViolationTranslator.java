package io.siteassist.command.rules;

import io.siteassist.contract.error.ErrorCode;
import io.siteassist.contract.error.ErrorDetails;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Wraps a {@link RuleViolation} in a {@link CommandExecutionException} with its {@code
 * ErrorDetails}, where the command is handled. Only the details survive a trip through Axon Server
 * (the cause does not), so this keeps the error code identical in every mode.
 */
public class RuleViolationTranslator implements MessageHandlerInterceptor<CommandMessage<?>> {

  @Override
  public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    try {
      return chain.proceed();
    } catch (RuleViolation violation) {
      throw new CommandExecutionException(violation.getMessage(), violation, violation.details());
    } catch (AggregateNotFoundException missing) {
      // Every command that may target a missing aggregate targets a conversation: visitors are
      // created on demand.
      String message = "Conversation not found.";
      throw new CommandExecutionException(
          message,
          missing,
          new ErrorDetails(
              ErrorCode.CONVERSATION_NOT_FOUND,
              message,
              Map.of("conversationId", String.valueOf(missing.getAggregateIdentifier()))));
    }
  }
}
