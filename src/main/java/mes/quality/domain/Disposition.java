package mes.quality.domain;

/**
 * What is done with nonconforming product (ISO 9001 8.7). Use as is needs a concession and takes
 * the lots off hold; rework keeps them on hold until a re-inspection passes; scrap and return
 * to supplier keep them on hold for good. Only material from a supplier can be returned.
 */
public enum Disposition {
    USE_AS_IS("use as is (concession)"),
    REWORK("rework"),
    SCRAP("scrap"),
    RETURN_TO_SUPPLIER("return to supplier");

    public final String label;

    Disposition(String label) {
        this.label = label;
    }

    public boolean needsConcession() {
        return this == USE_AS_IS;
    }

    /** Whether the nonconformity is closed by this disposition alone (rework waits for its re-inspection). */
    public boolean closes() {
        return this != REWORK;
    }

    public boolean releasesHold() {
        return this == USE_AS_IS;
    }

}
