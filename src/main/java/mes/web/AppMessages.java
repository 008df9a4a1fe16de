package mes.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import mes.kernel.Language;

/**
 * The words every page shares ({@code msg:} in templates): the layout, login, roles and the
 * languages. A feature's codes (states, severities) are named by the bundle of its pages. The texts are in messages/msg.properties
 * (English, the default) and messages/msg_de.properties; {@code MessagesCompleteTest} fails on
 * a key missing in either. Each feature's own page texts are in its web bundle.
 */
@MessageBundle(locale = "en")
public interface AppMessages {

    @Message String brand();

    @Message String nav_menu();

    @Message String nav_plant();

    @Message String nav_line();

    @Message String nav_orders();

    @Message String nav_trace();

    @Message String nav_quality();

    @Message String nav_training();

    @Message String nav_oee();

    @Message String nav_alerts();

    @Message String nav_maintenance();

    @Message String nav_detection();

    @Message String nav_reports();

    @Message String nav_audit();

    @Message String nav_quarantine();

    @Message String nav_users();

    @Message String logout();

    @Message String language_choose();

    @Message String language_save();

    @Message String login_title();

    @Message String login_wrong();

    @Message String login_loggedOut();

    @Message String login_username();

    @Message String login_password();

    @Message String login_submit();

    @Message String login_demoUsers();

    @Message String times_in(String zone);

    @Message String none();

    @Message String role_OPERATOR();

    @Message String role_SUPERVISOR();

    @Message String role_QUALITY();

    @Message String role_MAINTENANCE();

    @Message String role_AUDITOR();

    @Message String role_ADMIN();

    @Message String role_INTEGRATION();

    @Message String language(Language language);
}
