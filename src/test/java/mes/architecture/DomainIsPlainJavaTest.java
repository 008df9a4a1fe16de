package mes.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain logic is plain Java: no framework, no persistence, no transactions. */
@AnalyzeClasses(packages = "mes", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsPlainJavaTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkTypes = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "jakarta.persistence..", "jakarta.transaction..", "jakarta.ws.rs..",
                    "jakarta.enterprise..", "jakarta.inject..", "org.hibernate..", "io.vertx..");

    @ArchTest
    static final ArchRule domainDoesNotReachIntoServices = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..web..");
}
