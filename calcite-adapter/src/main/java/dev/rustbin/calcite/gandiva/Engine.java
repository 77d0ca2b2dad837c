package dev.rustbin.calcite.gandiva;

/** Who evaluates pushed expressions on the batches. */
public enum Engine {
    /** Gandiva when the input is large enough to repay compilation (or it is compiled already), else Java. */
    AUTO,
    /** Always Gandiva (tests and benchmarks). */
    GANDIVA,
    /** Always the Java evaluator on the Arrow vectors: connection property {@code gandiva=false}. */
    JAVA;

    /**
     * Whether a scan should compile: Gandiva when forced, or (AUTO) when the first batch holds at
     * least {@code minRows} rows (a first batch that is not full means the whole input is small,
     * and a JIT of about a second would cost more than it saves) or the code is compiled already.
     */
    boolean prefersGandiva(int firstBatchRows, int minRows, boolean compiledAlready) {
        return this == GANDIVA || (this == AUTO && (firstBatchRows >= minRows || compiledAlready));
    }
}
