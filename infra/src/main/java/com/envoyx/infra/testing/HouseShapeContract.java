package com.envoyx.infra.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The package shape every service shares (root README, "One vocabulary"), read from the compiled
 * production classes: feature packages whose layers are {@code rest}/{@code grpc}/{@code ws}
 * (adapters), {@code service}, {@code repository}/{@code client} (access), {@code model}, and
 * {@code config}; service-wide {@code error} and {@code platform}. A reader walks downhill only,
 * and no package reaches back to one that reaches it.
 */
// One instance for the three rules: importing the classes is the slow part, done once.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HouseShapeContract {

    private JavaClasses production;

    /** The service's root package, e.g. {@code com.envoyx.invoice}. */
    protected abstract String rootPackage();

    @BeforeAll
    void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage());
    }

    @Test
    void noPackageCycles() {
        slices().matching(rootPackage() + ".(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void everyClassLivesInALayerOfTheVocabulary() {
        String root = rootPackage();
        classes().should().resideInAnyPackage(
                        root + "..rest..", root + "..grpc..", root + "..ws..",
                        root + "..service..",
                        root + "..repository..", root + "..client..",
                        root + "..model..",
                        root + "..config..", root + ".error..", root + ".platform..")
                .check(production);
    }

    @Test
    void layersAreOnlyReachedFromAbove() {
        String root = rootPackage();
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("Adapters").definedBy(root + "..rest..", root + "..grpc..", root + "..ws..")
                .layer("Services").definedBy(root + "..service..")
                .layer("Access").definedBy(root + "..repository..", root + "..client..")
                .layer("Model").definedBy(root + "..model..")
                .layer("Shared").definedBy(root + "..config..", root + ".error..", root + ".platform..")
                .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("Services").mayOnlyBeAccessedByLayers("Adapters")
                .whereLayer("Access").mayOnlyBeAccessedByLayers("Services")
                .check(production);
    }
}
