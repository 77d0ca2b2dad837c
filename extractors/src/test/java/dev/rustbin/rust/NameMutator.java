package dev.rustbin.rust;

import java.util.List;
import java.util.Random;

/**
 * Seeded random corruption of real mangled names: one to three edits, each a truncation, a
 * substituted, inserted or deleted character, or a splice with the tail of another name (which
 * re-targets backreferences). The first {@code keptPrefix} characters are never touched.
 */
final class NameMutator {
    private final List<String> names;
    private final Random random;
    private final String alphabet;
    private final int keptPrefix;

    NameMutator(List<String> names, long seed, String alphabet, int keptPrefix) {
        this.names = names;
        this.random = new Random(seed);
        this.alphabet = alphabet;
        this.keptPrefix = keptPrefix;
    }

    String next() {
        StringBuilder s = new StringBuilder(names.get(random.nextInt(names.size())));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && s.length() > keptPrefix; e++) {
            int at = keptPrefix + random.nextInt(s.length() - keptPrefix);
            switch (random.nextInt(5)) {
                case 0 -> s.setLength(at);
                case 1 -> s.setCharAt(at, randomChar());
                case 2 -> s.insert(at, randomChar());
                case 3 -> s.deleteCharAt(at);
                default -> {
                    String other = names.get(random.nextInt(names.size()));
                    s.setLength(at);
                    s.append(other, Math.min(keptPrefix + random.nextInt(other.length()), other.length()), other.length());
                }
            }
        }
        return s.toString();
    }

    private char randomChar() {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
