package io.gencluster.transport.tcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CookieFileTests {

    @TempDir
    Path home;

    @Test
    void createsOwnerOnlyCookieOfTwentyUpperCaseLettersWhenAbsent() throws Exception {
        Path file = home.resolve(".gen-cluster.cookie");
        String cookie = CookieFile.readOrCreate(file);
        assertThat(cookie).matches("[A-Z]{20}");
        assertThat(Files.readString(file)).isEqualTo(cookie);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(home).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void readsTheSameCookieOnTheNextStart() {
        Path file = home.resolve(".gen-cluster.cookie");
        assertThat(CookieFile.readOrCreate(file)).isEqualTo(CookieFile.readOrCreate(file));
    }

    @Test
    void readsExistingCookieTrimmed() throws Exception {
        Path file = writeCookie("  SECRETCOOKIE\n", "rw-------");
        assertThat(CookieFile.readOrCreate(file)).isEqualTo("SECRETCOOKIE");
    }

    @Test
    void refusesCookieReadableByOthers() throws Exception {
        Path file = writeCookie("SECRET", "rw-r--r--");
        assertThatIllegalStateException().isThrownBy(() -> CookieFile.readOrCreate(file))
                .withMessageContaining("accessible by group or others (rw-r--r--)")
                .withMessageContaining("chmod 600");
    }

    @Test
    void refusesCookieReadableByGroup() throws Exception {
        Path file = writeCookie("SECRET", "rw-r-----");
        assertThatIllegalStateException().isThrownBy(() -> CookieFile.readOrCreate(file))
                .withMessageContaining("accessible by group or others");
    }

    @Test
    void refusesEmptyCookie() throws Exception {
        Path file = writeCookie(" \n", "rw-------");
        assertThatIllegalStateException().isThrownBy(() -> CookieFile.readOrCreate(file))
                .withMessageContaining("is empty");
    }

    private Path writeCookie(String content, String permissions) throws Exception {
        Path file = home.resolve(".gen-cluster.cookie");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
