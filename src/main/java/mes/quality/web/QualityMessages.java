package mes.quality.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of quality's pages ({@code quality:} in templates); so far the panel of inspections
 * due that the line terminal shows. English in messages/quality.properties, German in
 * messages/quality_de.properties.
 */
@MessageBundle(value = "quality", locale = "en")
public interface QualityMessages {

    @Message String due_title();

    @Message String due_of(String order, String part);

    @Message String due_setupFailed(String at);

    @Message String due_setupUnverified(long parts, String at);

    @Message String due_reactionOf(String code);

    @Message String due_limitBroken();

    @Message String due_spcRule(String rule);

    @Message String due_lotsHeld(int count);

    @Message String due_nothing();

    @Message String due_overdueSince(String ago);

    @Message String due_dueIn(String ago);
}
