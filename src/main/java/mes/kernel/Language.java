package mes.kernel;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the pages and reports speak. A user's choice is stored as the tag; the browser's
 * Accept-Language is matched against them (contracts: none; docs/ARCHITECTURE.md, "Pages").
 */
public enum Language {
    en(Locale.ENGLISH), de(Locale.GERMAN);

    /** The security identity's attribute that holds the user's chosen language tag (absent: none chosen). */
    public static final String IDENTITY_ATTRIBUTE = "mes.language";

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** The language of a tag ("de", "de-AT", "EN"); empty when it is none of ours or blank. */
    public static Optional<Language> of(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        for (Language l : values()) {
            if (l.name().equals(primary)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The best of ours for an Accept-Language header ("de-DE,de;q=0.9,en;q=0.8"), by its
     * weights; empty when it names none of them or cannot be read.
     */
    public static Optional<Language> bestFor(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Optional.empty();
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                Optional<Language> l = of(range.getRange().equals("*") ? null : range.getRange());
                if (l.isPresent()) {
                    return l;
                }
            }
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public static List<Language> all() {
        return List.of(values());
    }
}
