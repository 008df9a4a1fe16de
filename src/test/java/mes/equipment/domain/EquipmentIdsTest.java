package mes.equipment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written checks of ids and sensor names against the contract's regular expressions. */
class EquipmentIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"CNC-07", "a", "7", "PRESS_2.line-a", "x123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsTheContractsIds(String id) {
        assertThat(id).matches(EquipmentIds.PATTERN);
        assertThat(EquipmentIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-CNC", ".a", "_a", "CNC 07", "CNC/07", "CNÇ-07", "CNC-07\n", "x1234567890123456789012345678901234567890123456789012345678901234"})
    void refusesOtherIds(String id) {
        assertThat(EquipmentIds.isValid(id)).isFalse();
        assertThat(EquipmentIds.isValid(null)).isFalse();
    }

    /** 100,000 random strings over letters, digits, punctuation, non-ASCII letters and digits, line ends. */
    @Test
    void idsAndSensorNamesAgreeWithTheRegularExpressions() {
        Random random = new Random(7);
        String alphabet = "aAzZmM09_.-/ \n\té١ſKab_c";
        int ids = 0;
        int names = 0;
        for (int i = 0; i < 100_000; i++) {
            int length = random.nextInt(4) == 0 ? 60 + random.nextInt(8) : random.nextInt(6);
            StringBuilder b = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            boolean id = EquipmentIds.PATTERN.matcher(s).matches();
            boolean name = SensorDefinition.NAME.matcher(s).matches();
            assertThat(EquipmentIds.isValid(s)).as("id '%s'", s).isEqualTo(id);
            assertThat(SensorDefinition.isValidName(s)).as("sensor name '%s'", s).isEqualTo(name);
            ids += id ? 1 : 0;
            names += name ? 1 : 0;
        }
        assertThat(ids).isGreaterThan(1_000);
        assertThat(names).isGreaterThan(1_000);
    }
}
