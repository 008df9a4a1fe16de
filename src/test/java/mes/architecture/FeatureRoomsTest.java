package mes.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feature's rooms (docs/ARCHITECTURE.md): how features may use each other and where HTTP lives.
 */
@AnalyzeClasses(packages = "mes", importOptions = ImportOption.DoNotIncludeTests.class)
class FeatureRoomsTest {

    /** The features, the shared web layout, the kernel and the platform: no two use each other. */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("mes.(*)..").should().beFreeOfCycles();

    /** HTTP is the web's: services refuse with mes.kernel.Refusal, never with a status. */
    @ArchTest
    static final ArchRule onlyWebUsesTheSharedWeb = noClasses().that().resideOutsideOfPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("mes.web..");

    /** A feature is used through its service (or its events, ports and domain types), never its tables' classes or its pages. */
    @ArchTest
    static final ArchRule rooms = classes().that().resideInAPackage("mes..").should(notReachIntoAnotherFeatures("persistence", "web"));

    /**
     * SQL lives in a feature's persistence/ (and the platform's database helpers). Frozen: the uses that were there when
     * the rule came (services of production, quality, reports, audit, training and the archive with their own JDBC) are
     * listed in src/test/resources/archunit_store and may only shrink; a new one fails.
     */
    static final ArchRule sql = noClasses().that().resideOutsideOfPackages("..persistence..", "mes.platform..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..");

    @ArchTest
    static final ArchRule sqlOnlyInPersistence = FreezingArchRule.freeze(sql);

    /** The kernel is plain Java and depends on nothing of ours. */
    @ArchTest
    static final ArchRule kernelStandsAlone = noClasses().that().resideInAPackage("mes.kernel..")
            .should().dependOnClassesThat().resideOutsideOfPackages("mes.kernel..", "java..");

    private static final Pattern FEATURE = Pattern.compile("^mes\\.(\\w+)(?:\\.(\\w+))?");

    static ArchCondition<JavaClass> notReachIntoAnotherFeatures(String... rooms) {
        java.util.Set<String> closed = java.util.Set.of(rooms);
        return new ArchCondition<>("not use another feature's " + String.join(" or ", rooms) + " package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = feature(origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    Matcher m = FEATURE.matcher(d.getTargetClass().getPackageName());
                    if (!m.find() || m.group(1).equals(from) || m.group(1).equals("web") || m.group(2) == null) {
                        continue;
                    }
                    if (closed.contains(m.group(2))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    private static String feature(String packageName) {
        Matcher m = FEATURE.matcher(packageName);
        return m.find() ? m.group(1) : "";
    }
}
