package dev.rustbin.calcite.gandiva;

/** Who evaluates pushed expressions on the batches. */
public enum Engine {
    /** Gandiva when the input is large enough to repay compilation (or it is compiled already), else Java. */
    AUTO,
    /** Always Gandiva (tests and benchmarks). */
    GANDIVA,
    /** Always the Java evaluator on the Arrow vectors: connection property {@code gandiva=false}. */
    JAVA
}
