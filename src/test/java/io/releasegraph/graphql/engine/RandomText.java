package io.releasegraph.graphql.engine;

import java.util.SplittableRandom;

/**
 * Text with what JSON must escape (quotes, backslashes, every control character), ASCII, Latin-1 and the rest of
 * the BMP, and surrogate pairs; never a lone surrogate, which no UTF-8 writer can encode.
 */
final class RandomText {

    private RandomText() {
    }

    /** One text in four up to {@code longest} characters, the others up to {@code usual}. */
    static String of(SplittableRandom random, int usual, int longest) {
        int length = random.nextInt(4) == 0 ? random.nextInt(0, longest) : random.nextInt(0, usual);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            switch (random.nextInt(7)) {
                case 0 -> text.append((char) random.nextInt(0, 0x20));
                case 1 -> text.append("\"\\/".charAt(random.nextInt(3)));
                case 2, 3 -> text.append((char) random.nextInt(0x20, 0x7f));
                case 4 -> text.append((char) random.nextInt(0x80, 0x800));
                case 5 -> {
                    char c = (char) random.nextInt(0x800, 0xfffe);
                    text.append(Character.isSurrogate(c) ? '\u2028' : c);
                }
                default -> text.appendCodePoint(random.nextInt(0x10000, 0x110000));
            }
        }
        return text.toString();
    }
}
