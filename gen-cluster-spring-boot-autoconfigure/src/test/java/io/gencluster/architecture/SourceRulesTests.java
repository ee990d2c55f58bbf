package io.gencluster.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Rules about the main sources that class files cannot show: property names stay in the
 * wiring, and each file stays small enough to read in one sitting.
 */
class SourceRulesTests {

    private static final Path MAIN_SOURCES = Path.of("src/main/java/io/gencluster");

    /**
     * A {@code gen-cluster.} key, but not the {@code ~/.gen-cluster.cookie} file name.
     */
    private static final Pattern PROPERTY_NAME = Pattern.compile("(?<![.\\w])gen-cluster\\.[a-z]");

    private static final int MAX_LINES = 300;

    @Test
    void onlyTheAutoConfigurationNamesProperties() {
        List<String> naming = mainSources().filter(path -> !MAIN_SOURCES.relativize(path).startsWith("autoconfigure"))
            .filter(path -> PROPERTY_NAME.matcher(read(path)).find())
            .map(Path::toString)
            .toList();
        assertThat(naming).as("main sources outside autoconfigure that name a gen-cluster property").isEmpty();
    }

    @Test
    void everyFileButThePropertiesFitsInOneSitting() {
        List<String> large = mainSources().filter(path -> !path.endsWith("GenClusterProperties.java"))
            .filter(path -> read(path).lines().count() > MAX_LINES)
            .map(Path::toString)
            .toList();
        assertThat(large).as("main sources over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void everyPackageSaysWhatItHoldsAndThatItIsNullMarked() {
        List<Path> packages = mainSources().map(Path::getParent).distinct().toList();
        assertThat(packages).isNotEmpty()
            .allSatisfy(directory -> assertThat(directory.resolve("package-info.java")).exists()
                .content()
                .contains("@NullMarked"));
    }

    private static Stream<Path> mainSources() {
        try {
            return Files.walk(MAIN_SOURCES).filter(path -> path.toString().endsWith(".java")).toList().stream();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
