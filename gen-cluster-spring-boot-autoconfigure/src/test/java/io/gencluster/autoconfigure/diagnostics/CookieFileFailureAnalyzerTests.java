package io.gencluster.autoconfigure.diagnostics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.gencluster.transport.tcp.CookieFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class CookieFileFailureAnalyzerTests {

    @Test
    void anEmptyCookieFileNamesTheFileAndTheCookieProperty(@TempDir Path home) throws Exception {
        Path file = Files.createFile(home.resolve(".gen-cluster.cookie"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Throwable failure = new IllegalStateException("could not create the transport",
                catchThrowable(() -> CookieFile.readOrCreate(file)));

        FailureAnalysis analysis = new CookieFileFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).startsWith("gen-cluster could not take its cookie from " + file)
            .contains("gen-cluster.transport.cookie is not set")
            .contains("is empty");
        assertThat(analysis.getAction()).contains("Fix the cookie file " + file)
            .contains("set gen-cluster.transport.cookie");
    }

}
