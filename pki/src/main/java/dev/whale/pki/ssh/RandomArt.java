package dev.whale.pki.ssh;

/**
 * OpenSSH's randomart ("drunken bishop", sshkey.c fingerprint_randomart): a bishop starts in the middle of a 17x9
 * board and, two bits of the fingerprint at a time, steps diagonally; each square shows how often it was visited,
 * S where the walk started and E where it ended.
 */
final class RandomArt {
    private static final int WIDTH = 17;
    private static final int HEIGHT = 9;
    private static final String SYMBOLS = " .o+=*BOX@%&#/^SE";

    private RandomArt() {}

    /** The box, without a final newline, titled like {@code [ED25519 256]} and footed like {@code [SHA256]}. */
    static String draw(byte[] digest, String keyType, int bits, String hashLabel) {
        int top = SYMBOLS.length() - 1;
        int[][] field = new int[WIDTH][HEIGHT];
        int x = WIDTH / 2;
        int y = HEIGHT / 2;
        for (byte b : digest) {
            int input = b & 0xff;
            for (int step = 0; step < 4; step++) {
                x += (input & 1) != 0 ? 1 : -1;
                y += (input & 2) != 0 ? 1 : -1;
                x = Math.max(0, Math.min(WIDTH - 1, x));
                y = Math.max(0, Math.min(HEIGHT - 1, y));
                if (field[x][y] < top - 2) {
                    field[x][y]++;
                }
                input >>= 2;
            }
        }
        field[WIDTH / 2][HEIGHT / 2] = top - 1;
        field[x][y] = top;

        StringBuilder sb = new StringBuilder();
        String title = "[" + keyType + " " + bits + "]";
        // OpenSSH prints into an 18-byte buffer: a longer title falls back to the type, one of 18 loses its ']'.
        border(sb, title.length() > WIDTH + 1 ? "[" + keyType + "]"
                : title.substring(0, Math.min(title.length(), WIDTH)));
        sb.append('\n');
        for (int row = 0; row < HEIGHT; row++) {
            sb.append('|');
            for (int col = 0; col < WIDTH; col++) {
                sb.append(SYMBOLS.charAt(Math.min(field[col][row], top)));
            }
            sb.append("|\n");
        }
        border(sb, "[" + hashLabel + "]");
        return sb.toString();
    }

    /** A border with {@code label} centred, leaning left as OpenSSH's integer division does. */
    private static void border(StringBuilder sb, String label) {
        sb.append('+');
        int left = (WIDTH - label.length()) / 2;
        sb.append("-".repeat(Math.max(0, left))).append(label);
        sb.append("-".repeat(Math.max(0, WIDTH - left - label.length())));
        sb.append('+');
    }
}
