package mes.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import mes.fixturea.BrokenService;
import mes.fixtureb.CleanService;
import mes.fixtureb.persistence.OtherTable;
import org.junit.jupiter.api.Test;

/** Each rule of FeatureRoomsTest fails on a class that breaks it and passes one that keeps it: the rules can fail. */
class FeatureRoomsMutationTest {

    private final JavaClasses broken = new ClassFileImporter().importClasses(BrokenService.class, OtherTable.class);
    private final JavaClasses clean = new ClassFileImporter().importClasses(CleanService.class);

    @Test
    void aCycleBetweenTwoFeaturesFails() {
        assertThatThrownBy(() -> FeatureRoomsTest.featuresAreFreeOfCycles.check(broken)).hasMessageContaining("Cycle detected");
        assertThatCode(() -> FeatureRoomsTest.featuresAreFreeOfCycles.check(clean)).doesNotThrowAnyException();
    }

    @Test
    void aServiceUsingTheWebFails() {
        assertThatThrownBy(() -> FeatureRoomsTest.onlyWebUsesTheSharedWeb.check(broken)).hasMessageContaining("mes.web.Params");
        assertThatCode(() -> FeatureRoomsTest.onlyWebUsesTheSharedWeb.check(clean)).doesNotThrowAnyException();
    }

    @Test
    void usingAnotherFeaturesPersistenceFails() {
        assertThatThrownBy(() -> FeatureRoomsTest.rooms.check(broken)).hasMessageContaining("mes.fixtureb.persistence.OtherTable");
        assertThatCode(() -> FeatureRoomsTest.rooms.check(clean)).doesNotThrowAnyException();
    }

    @Test
    void sqlOutsidePersistenceFails() {
        assertThatThrownBy(() -> FeatureRoomsTest.sql.check(broken)).hasMessageContaining("java.sql.Connection");
        assertThatCode(() -> FeatureRoomsTest.sql.check(clean)).doesNotThrowAnyException();
    }
}
