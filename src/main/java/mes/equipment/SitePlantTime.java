package mes.equipment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import mes.kernel.PlantTime;

/** The plant's time zone: the site's (the first by id), read again at most every 30 s; UTC while no site exists. */
@ApplicationScoped
public class SitePlantTime implements PlantTime {

    private static final Duration FRESH = Duration.ofSeconds(30);
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Inject
    EquipmentService equipment;

    @Inject
    Clock clock;

    private volatile ZoneId zone;
    private volatile Instant readAt = Instant.MIN;

    @Override
    public ZoneId zone() {
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
