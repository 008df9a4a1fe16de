package mes.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The plant's capability targets and quality settings. */
@ConfigMapping(prefix = "mes.quality")
public interface QualityConfig {

    /** Targets of special characteristics (IATF 16949: safety or fit relevant, flagged in the control plan). */
    Targets special();

    /** Targets of the other characteristics. */
    Standard standard();

    /** How long before its due date a gauge is listed as due for calibration. */
    @WithDefault("14d")
    Duration calibrationWarning();

    /** The most subgroups a control chart shows: the newest of the period. */
    @WithDefault("125")
    int chartSubgroups();

    /** How long a gauge R&R study stays valid: an inspection with a gauge without one is flagged. */
    @WithDefault("365d")
    Duration gaugeStudyValidity();

    /** The fewest subgroups an SPC baseline is frozen from (the AIAG SPC manual asks for 25 or more). */
    @WithDefault("20")
    int baselineSubgroups();

    /**
     * How long after it falls due an inspection of the control plan may be made and still count as
     * on time; after it the line terminal shows it overdue, and the missed-inspection report lists it.
     */
    @WithDefault("10m")
    Duration inspectionGrace();

    interface Targets {
        /** Minimum Cpk (within-subgroup sigma). */
        @WithDefault("1.33")
        double cpk();

        /** Minimum Ppk (overall sigma). */
        @WithDefault("1.67")
        double ppk();
    }

    interface Standard {
        @WithDefault("1.33")
        double cpk();

        @WithDefault("1.33")
        double ppk();
    }
}
