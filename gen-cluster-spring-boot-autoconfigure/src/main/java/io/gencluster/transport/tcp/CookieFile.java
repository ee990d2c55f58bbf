package io.gencluster.transport.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The default cookie, kept like {@code ~/.erlang.cookie}: read from a file only its owner
 * can read, or created there from 32 random bytes (base64url) when the file does not
 * exist. Nodes of one user on one machine then share a cookie with no configuration.
 */
public final class CookieFile {

    /** How to make a good cookie, for messages that refuse a weak one. */
    public static final String HOW_TO_MAKE_ONE = "make one with 'openssl rand -base64 32' and give every node the"
            + " same, from an environment variable or a file";

    private static final int GENERATED_BYTES = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private CookieFile() {
    }

    /** {@code ~/.gen-cluster.cookie}. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".gen-cluster.cookie");
    }

    /**
     * The cookie in the file (trimmed), created first when the file does not exist.
     * @return the cookie, and whether this call created the file (then no other node has
     * it yet)
     * @throws CookieFileException when the file is empty, readable or writable by group
     * or others, or cannot be read or written; the message names the file and the fix
     */
    public static Contents readOrCreate(Path path) {
        try {
            boolean created = Files.notExists(path) && create(path);
            return new Contents(read(path), created);
        }
        catch (IOException ex) {
            throw new CookieFileException(path, "Cannot read or create the cookie file " + path + ": " + ex
                    + "; make the file readable by this user", ex);
        }
    }

    /**
     * Whether this call wrote the file, rather than another node starting at the same
     * moment.
     */
    private static boolean create(Path path) throws IOException {
        byte[] secret = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(secret);
        String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path directory = path.toAbsolutePath().getParent();
        // Written aside and moved in, so another node starting at the same moment never
        // reads it half written.
        Path written = isPosix(path)
                ? Files.createTempFile(directory, ".gen-cluster.cookie", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".gen-cluster.cookie", ".tmp");
        try {
            Files.writeString(written, cookie, StandardCharsets.US_ASCII);
            Files.move(written, path);
            return true;
        }
        catch (FileAlreadyExistsException ex) {
            // Another node of this user created it at the same moment: use theirs.
            return false;
        }
        finally {
            Files.deleteIfExists(written);
        }
    }

    private static String read(Path path) throws IOException {
        if (isPosix(path)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.stream().anyMatch(SHARED::contains)) {
                throw new CookieFileException(path, "The cookie file " + path + " is accessible by group or others ("
                        + PosixFilePermissions.toString(permissions) + "): run 'chmod 600 " + path + "'", null);
            }
        }
        String cookie = Files.readString(path, StandardCharsets.UTF_8).strip();
        if (cookie.isEmpty()) {
            throw new CookieFileException(path, "The cookie file " + path + " is empty: put the cluster's shared"
                    + " secret in it, or delete it to have one generated", null);
        }
        if (cookie.length() < TcpTransportSettings.MIN_COOKIE_LENGTH) {
            throw new CookieFileException(path,
                    "The cookie in " + path + " is shorter than " + TcpTransportSettings.MIN_COOKIE_LENGTH
                            + " characters: " + HOW_TO_MAKE_ONE + ", or delete the file to have one generated",
                    null);
        }
        return cookie;
    }

    private static boolean isPosix(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        return Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null;
    }

    /**
     * What the cookie file gave.
     *
     * @param cookie the cookie
     * @param created whether the file did not exist and was created with a new random
     * cookie
     */
    public record Contents(String cookie, boolean created) {

        /** Never shows the cookie. */
        @Override
        public String toString() {
            return created ? "a created cookie" : "a cookie read";
        }
    }

}
