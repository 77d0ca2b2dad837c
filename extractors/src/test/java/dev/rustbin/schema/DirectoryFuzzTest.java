package dev.rustbin.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 2,000 mutants of a stripped ELF, 100 per directory next to the original: every table isolates every bad file. */
class DirectoryFuzzTest {

    @TempDir
    Path dir;

    @Test
    void everyTableOverGoodAndMutatedFilesHoldsEachMembersOwnRows() throws Exception {
        byte[] original = Files.readAllBytes(Corpus.fixture("demo-release-stripped"));
        DirectoryFuzz.Outcome outcome = DirectoryFuzz.run(original, dir, 20261201, 2000, 100);
        System.out.println("directory fuzz: " + outcome);
        // a mutant whose magic number was hit is no longer a binary, and the directory listing skips it
        assertTrue(outcome.files() > 1900 + 20 && outcome.files() <= 2000 + 20, "files listed: " + outcome);
        assertTrue(outcome.unreadable() > 200 && outcome.unreadable() < 2000,
                "the mutations should break many files but not all: " + outcome);
    }
}
