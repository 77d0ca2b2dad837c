package dev.rustbin.schema;

import java.nio.file.Files;
import java.nio.file.Path;

/** bench/fuzz-directories.sh: the directory fuzzer for as many mutants as asked. Arguments: binary, mutants, seed. */
public final class DirectoryFuzzSoak {

    public static void main(String[] args) throws Exception {
        byte[] original = Files.readAllBytes(Path.of(args[0]));
        Path work = Files.createTempDirectory("rustbin-directory-fuzz");
        DirectoryFuzz.Outcome outcome = DirectoryFuzz.run(original, work, Long.parseLong(args[2]), Integer.parseInt(args[1]), 100);
        Files.delete(work);
        System.out.println(outcome);
    }
}
