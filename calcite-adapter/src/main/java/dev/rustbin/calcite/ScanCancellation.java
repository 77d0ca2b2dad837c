package dev.rustbin.calcite;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * Stops a running scan when its statement is cancelled ({@code Statement.cancel()}) or its query
 * timeout ({@code setQueryTimeout}) has passed. Calcite hands both to the scan through the
 * {@link DataContext}, but only checks them between result rows itself, which for an aggregate
 * means after the whole scan; the scan calls {@link #run()} before every row instead.
 */
final class ScanCancellation implements Runnable {

    /** Rows between two clock reads: a cancel flag is a field read, the clock costs more. */
    private static final int ROWS_PER_CLOCK_CHECK = 256;

    private final AtomicBoolean cancelFlag;
    private final long timeoutMillis;
    private final long deadlineNanos;
    private int rowsSinceClockCheck;

    private ScanCancellation(AtomicBoolean cancelFlag, long timeoutMillis) {
        this.cancelFlag = cancelFlag;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : 0;
    }

    /** The statement's cancel flag and timeout, counted from now (the scan starts with the query). */
    static ScanCancellation of(DataContext context) {
        AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(context);
        Long timeout = DataContext.Variable.TIMEOUT.get(context);
        return new ScanCancellation(flag != null ? flag : new AtomicBoolean(), timeout != null ? timeout : 0);
    }

    @Override
    public void run() {
        if (cancelFlag.get()) {
            throw new QueryCancelledException("query cancelled");
        }
        if (deadlineNanos != 0 && ++rowsSinceClockCheck >= ROWS_PER_CLOCK_CHECK) {
            rowsSinceClockCheck = 0;
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new QueryCancelledException("query timed out after " + timeoutMillis / 1000.0 + " s (Statement.setQueryTimeout)");
            }
        }
    }

    /** Why a scan stopped early, by the client's wish: no stack trace is needed to understand it. */
    static final class QueryCancelledException extends RuntimeException {
        QueryCancelledException(String message) {
            super(message, null, false, false);
        }
    }
}
