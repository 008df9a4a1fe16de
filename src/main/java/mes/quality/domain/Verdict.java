package mes.quality.domain;

import java.util.List;
import mes.kernel.Refusal;

/**
 * The verdict of an inspection: from the characteristic's limits when it is measured (all of its
 * sample's values within them), as the inspector gives it when it is checked pass / fail. A
 * measured characteristic's verdict cannot be given against its values, so a record can never say
 * PASS for values outside the limits.
 */
public final class Verdict {

    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";

    private Verdict() {
    }

    /**
     * @param code the characteristic's code, for the messages
     * @param spec its limits when it is measured, null when it is checked pass / fail
     * @param sampleSize how many values a measured inspection has
     * @param values the values given (empty for pass / fail)
     * @param given the result given, may be blank for a measured characteristic
     */
    public static String of(String code, Spec spec, int sampleSize, List<Double> values, String given) {
        String stated = given == null || given.isBlank() ? null : given.trim();
        if (spec == null) {
            if (!values.isEmpty()) {
                throw Refusal.invalid(code + " is checked pass / fail: give result, not values");
            }
            if (!PASS.equals(stated) && !FAIL.equals(stated)) {
                throw Refusal.invalid(code + " is checked pass / fail: result must be PASS or FAIL");
            }
            return stated;
        }
        if (values.size() != sampleSize) {
            throw Refusal.invalid(code + " is measured on samples of " + sampleSize + ": " + values.size()
                    + " value" + (values.size() == 1 ? " was" : "s were") + " given");
        }
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            Double d = values.get(i);
            if (d == null || !Double.isFinite(d)) {
                throw Refusal.invalid("value " + (i + 1) + " is not a number");
            }
            v[i] = d;
        }
        String result = spec.acceptsAll(v) ? PASS : FAIL;
        if (stated != null && !result.equals(stated)) {
            throw Refusal.invalid("the values give " + result + ", not " + stated
                    + ": the verdict of a measured characteristic comes from its limits");
        }
        return result;
    }
}
