package io.gencluster.transport.tcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.MockedStatic;
import org.mockito.invocation.InvocationOnMock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.withSettings;

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

    /**
     * Fails if a cookie of exactly the shortest length allowed is refused.
     */
    @Test
    void readsACookieOfTheShortestLengthAllowed() throws Exception {
        String shortest = "k".repeat(TcpTransportSettings.MIN_COOKIE_LENGTH);
        Path file = writeCookie(shortest + "\n", "rw-------");
        assertThat(CookieFile.readOrCreate(file)).isEqualTo(new CookieFile.Contents(shortest, false));
    }

    /**
     * Fails if a node that finds the file created by another node between its check and
     * its own move says it created the cookie (its caller would then tell the operator
     * that a new cookie must be copied to the other nodes), or does not use the other
     * node's cookie. The race is made certain by a file system that says the file is not
     * there when it is.
     */
    @Test
    void aCookieFileCreatedByAnotherNodeAtTheSameMomentIsReadNotCreated() throws Exception {
        Path file = writeCookie("COOKIE-OF-THE-NODE-THAT-WAS-FIRST", "rw-------");
        try (MockedStatic<Files> files = mockStatic(Files.class, withSettings()
            .defaultAnswer(invocation -> isNotExists(invocation, file) ? Boolean.TRUE : invocation.callRealMethod()))) {
            CookieFile.Contents contents = CookieFile.readOrCreate(file);

            assertThat(contents).isEqualTo(new CookieFile.Contents("COOKIE-OF-THE-NODE-THAT-WAS-FIRST", false));
        }
        assertThat(home).isDirectoryNotContaining("glob:**.tmp");
    }

    /**
     * Fails if a file system without POSIX permissions (Windows) is asked for them,
     * creating the cookie or reading it: the start would fail with an
     * {@code UnsupportedOperationException}. Such a file system is made here by hiding
     * the POSIX view of this one and refusing POSIX calls, as Windows does.
     */
    @Test
    void onAFileSystemWithoutPosixPermissionsTheCookieIsCreatedAndReadWithoutThem() throws Exception {
        Path file = home.resolve(".gen-cluster.cookie");
        try (MockedStatic<Files> files = mockStatic(Files.class,
                withSettings().defaultAnswer(CookieFileTests::withoutPosix))) {
            CookieFile.Contents created = CookieFile.readOrCreate(file);
            assertThat(created.created()).isTrue();
            assertThat(CookieFile.readOrCreate(file)).isEqualTo(new CookieFile.Contents(created.cookie(), false));
        }
    }

    private static boolean isNotExists(InvocationOnMock invocation, Path file) {
        return invocation.getMethod().getName().equals("notExists") && file.equals(invocation.getArgument(0));
    }

    /** What {@link Files} does on a file system that has no POSIX permissions. */
    private static Object withoutPosix(InvocationOnMock invocation) throws Throwable {
        String method = invocation.getMethod().getName();
        Object[] arguments = invocation.getArguments();
        if (method.equals("getFileAttributeView") && arguments[1] == PosixFileAttributeView.class) {
            return null;
        }
        if (method.equals("getPosixFilePermissions") || method.equals("setPosixFilePermissions")
                || (method.equals("createTempFile") && hasAttributes(arguments))) {
            throw new UnsupportedOperationException(method + " on a file system without POSIX permissions");
        }
        return invocation.callRealMethod();
    }

    /** Whether a file attribute is among the arguments, alone or in a varargs array. */
    private static boolean hasAttributes(Object[] arguments) {
        for (Object argument : arguments) {
            if (argument instanceof FileAttribute<?>
                    || (argument instanceof FileAttribute<?>[] attributes && attributes.length > 0)) {
                return true;
            }
        }
        return false;
    }

    private Path writeCookie(String content, String permissions) throws Exception {
        Path file = home.resolve(".gen-cluster.cookie");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

}
