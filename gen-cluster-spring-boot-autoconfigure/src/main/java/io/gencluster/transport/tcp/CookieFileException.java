package io.gencluster.transport.tcp;

import java.nio.file.Path;

/**
 * The cookie file cannot give a cookie: it cannot be read or created, is empty, or others
 * may read it. Carries the file, so the message at start can say which file to fix.
 */
public class CookieFileException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * Creates the exception.
     * @param path the cookie file
     * @param message what is wrong with it and the fix, naming the file
     * @param cause the I/O failure, or {@code null}
     */
    public CookieFileException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The cookie file. */
    public Path path() {
        return path;
    }

}
