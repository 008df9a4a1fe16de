package mes.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import mes.kernel.Language;

/**
 * The language and time zone of the page being rendered ({@code inject:page} in the layout): the
 * user's chosen language, else the browser's best match of ours, else {@code mes.web.default-language};
 * the plant's time zone ({@link SiteTime}). Every template instance made while a request is
 * handled gets both as its {@code locale} and {@code zone} attributes, which the message bundles
 * and {@link Formats} read.
 */
@Named("page")
@RequestScoped
public class PageLocale {

    /** The template attribute holding the {@link ZoneId} times are shown in. */
    public static final String ZONE = "zone";

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @Inject
    WebConfig config;

    @Inject
    SiteTime siteTime;

    private Language language;

    public Language language() {
        if (language == null) {
            language = resolve();
        }
        return language;
    }

    /** The html lang attribute: "de", "en". */
    public String getTag() {
        return language().name();
    }

    public Locale locale() {
        return language().locale();
    }

    public ZoneId zone() {
        return siteTime.zone();
    }

    /** A message bundle in the page's language, for texts made in Java (notices). */
    public <T> T messages(Class<T> bundle) {
        return MessageBundles.get(bundle, Localized.Literal.of(language().name()));
    }

    /** The choices of the language switch. */
    public List<Language> getLanguages() {
        return Language.all();
    }

    private Language resolve() {
        if (!identity.isAnonymous()) {
            Object chosen = identity.getAttribute(Language.IDENTITY_ATTRIBUTE);
            if (chosen != null) {
                var l = Language.of(chosen.toString());
                if (l.isPresent()) {
                    return l.get();
                }
            }
        }
        RoutingContext current = request.getCurrent();
        String accept = current == null ? null : current.request().getHeader("Accept-Language");
        return Language.bestFor(accept).orElse(config.defaultLanguage());
    }

    /** Gives every template instance made during a request the page's locale and zone. */
    static void initialize(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(PageLocale::initialize);
    }

    private static void initialize(TemplateInstance instance) {
        if (!Arc.container().requestContext().isActive()) {
            return; // rendered outside a request (a scheduled report): the caller sets them
        }
        PageLocale page = Arc.container().instance(PageLocale.class).get();
        instance.setLocale(page.locale());
        instance.setAttribute(ZONE, page.zone());
    }
}
