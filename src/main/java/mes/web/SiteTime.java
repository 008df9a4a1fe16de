package mes.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import mes.equipment.EquipmentService;

/**
 * The one time zone of the pages: {@code mes.web.time-zone}, else the plant's site's (the first
 * by id), read again at most every 30 s; UTC while no site exists.
 */
@ApplicationScoped
public class SiteTime {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final Duration FRESH = Duration.ofSeconds(30);

    @Inject
    WebConfig config;

    @Inject
    EquipmentService equipment;

    @Inject
    Clock clock;

    private volatile ZoneId zone;
    private volatile Instant readAt = Instant.MIN;

    private ZoneId configured;

    /** A configured zone that is none refuses the start, naming it. */
    void check(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        config.timeZone().ifPresent(id -> {
            try {
                configured = ZoneId.of(id.trim());
            } catch (DateTimeException e) {
                throw new IllegalStateException("mes.web.time-zone '" + id + "' is not a time zone (e.g. Europe/Berlin)", e);
            }
        });
    }

    public ZoneId zone() {
        if (configured != null) {
            return configured;
        }
        Instant now = clock.instant();
        if (zone == null || Duration.between(readAt, now).compareTo(FRESH) > 0) {
            zone = equipment.sites().stream().findFirst().map(s -> of(s.timeZone())).orElse(UTC);
            readAt = now;
        }
        return zone;
    }

    private static ZoneId of(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return UTC;
        }
    }
}
