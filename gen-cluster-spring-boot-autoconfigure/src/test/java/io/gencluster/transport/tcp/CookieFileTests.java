package io.gencluster.transport.tcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CookieFileTests {

    @TempDir
    Path home;

    @Test
    void createsOwnerOnlyCookieOf32RandomBytesWhenAbsent() throws Exception {
        Path file = home.resolve(".gen-cluster.cookie");
        CookieFile.Contents created = CookieFile.readOrCreate(file);
        assertThat(created.created()).isTrue();
        String cookie = created.cookie();
        assertThat(cookie).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(cookie)).hasSize(32);
        assertThat(CookieFile.readOrCreate(home.resolve("other.cookie")).cookie()).isNotEqualTo(cookie);
        assertThat(created).hasToString("a created cookie");
        assertThat(Files.readString(file)).isEqualTo(cookie);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(home).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void readsTheSameCookieOnTheNextStart() {
        Path file = home.resolve(".gen-cluster.cookie");
        CookieFile.Contents first = CookieFile.readOrCreate(file);
        CookieFile.Contents next = CookieFile.readOrCreate(file);
        assertThat(next.cookie()).isEqualTo(first.cookie());
        assertThat(next.created()).isFalse();
    }

    @Test
    void readsExistingCookieTrimmed() throws Exception {
        Path file = writeCookie("  SECRET-COOKIE-OF-A-CLUSTER\n", "rw-------");
        assertThat(CookieFile.readOrCreate(file))
            .isEqualTo(new CookieFile.Contents("SECRET-COOKIE-OF-A-CLUSTER", false));
    }

    @Test
    void refusesACookieTooShortToResistGuessing() throws Exception {
        Path file = writeCookie("c00kie\n", "rw-------");
        assertThatIllegalStateException().isThrownBy(() -> CookieFile.readOrCreate(file))
            .withMessageContaining("shorter than 16 characters")
            .withMessageContaining("openssl rand -base64 32")
            .withMessageNotContaining("c00kie");
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
