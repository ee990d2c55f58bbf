package io.gencluster.transport.tcp;

/**
 * Text a peer sent, made safe to log: control characters (a newline that forges a log
 * line, an ANSI escape that rewrites a terminal) shown as {@code \\uXXXX}, and at most
 * {@value #MAX_LENGTH} characters kept.
 */
final class PeerText {

    /** The most characters of peer text kept. */
    static final int MAX_LENGTH = 200;

    private PeerText() {
    }

    /**
     * The text with control characters escaped, cut to {@value #MAX_LENGTH} characters.
     */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        int kept = 0;
        for (int i = 0; i < text.length() && kept < MAX_LENGTH; i++, kept++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            }
            else {
                shown.append(c);
            }
        }
        return kept < text.length() ? shown.append("...").toString() : shown.toString();
    }

}
